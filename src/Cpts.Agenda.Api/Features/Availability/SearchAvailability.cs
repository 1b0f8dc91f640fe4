using System.Globalization;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Availability;

/// <summary>
/// The regulator's search: free slots in [from, to), soonest first then nearest. The regulator
/// sees only slots published for the SAS; CPTS members (nurses, practitioners, the coordinator) see
/// both kinds. Siteless teleconsultation slots match any place filter (distance does not apply to them).
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class SearchAvailability
{
    public sealed record Query(
        Caller Caller, string? From, string? To, string? Profession, string? Mode,
        string? Near, double? RadiusKm, string? PostalCode, int? Limit, string? Cursor) : IRequest<Result<Page<AvailableSlot>>>;

    /// <summary>The parsed, checked query: pure, unit-tested.</summary>
    public sealed record Criteria(
        DateTimeOffset From, DateTimeOffset To, string Profession, string? Mode, (double Lat, double Lon)? Near,
        double? RadiusKm, string? PostalCode, int Limit, bool SasOnly, (DateTimeOffset Start, double Distance, Guid Id)? After);

    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public static Result<Criteria> Parse(Query q, DateTimeOffset now)
    {
        var v = new Validation();
        var period = v.Period(q.From, q.To, now, from => from.AddHours(24), MaxWindow);
        var profession = q.Profession ?? Professions.Generalist;
        v.OneOf(profession, "profession", Professions.All);
        if (q.Mode is not null) v.OneOf(q.Mode, "mode", SlotRules.Modes);
        var near = ParseNear(q.Near);
        v.Check(q.Near is null || near is not null, "near", "near must be 'latitude,longitude' in degrees.");
        v.Check(q.RadiusKm is null || q.Near is not null, "radiusKm", "radiusKm needs near.");
        v.Check(q.RadiusKm is null or (> 0 and <= 500), "radiusKm", "radiusKm must be between 0 and 500.");
        v.Check(q.PostalCode is null || (q.PostalCode.Length == 5 && q.PostalCode.All(char.IsAsciiDigit)), "postalCode", "postalCode must be 5 digits.");
        v.CheckLimit(q.Limit);
        var after = ParseCursor(q.Cursor);
        v.Check(q.Cursor is null || after is not null, "cursor", "cursor is not one this service gave.");
        if (v.Failed) return v.ToError();

        return new Criteria(period!.Value.From, period.Value.To, profession, q.Mode, near, q.RadiusKm, q.PostalCode,
            Paging.Limit(q.Limit), SlotRules.SeesSasSlotsOnly(q.Caller), after);
    }

    public static (double Lat, double Lon)? ParseNear(string? near)
    {
        var parts = near?.Split(',');
        if (parts is not { Length: 2 }) return null;
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)) return null;
        return lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? (lat, lon) : null;
    }

    /// <summary>A latitude/longitude box around a point that holds the whole radius (a cheap prefilter).</summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(double lat, double lon, double radiusKm)
    {
        const double kmPerDegree = 110.0; // a little under the true 111.2 km: the box is slightly larger than the circle
        var dLat = radiusKm / kmPerDegree;
        var dLon = radiusKm / (kmPerDegree * Math.Max(Math.Cos(lat * Math.PI / 180), 0.01));
        return (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
    }

    // The exact distance (not the rounded one shown) so the keyset comparison in SQL matches.
    private static string Cursor(Row r) => string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.SpecifyKind(r.StartsAt, DateTimeKind.Utc).Ticks}|{r.DistanceKm ?? double.PositiveInfinity:R}|{r.SlotId}");

    private static (DateTimeOffset, double, Guid)? ParseCursor(string? cursor)
    {
        var parts = Paging.Decode(cursor)?.Split('|');
        if (parts is not { Length: 3 }) return null;
        return long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and < 3155378975999999999 &&
               double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) &&
               Guid.TryParse(parts[2], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), d, id) : null;
    }

    /// <summary>
    /// The search as one plain query: the reference that <see cref="PlaceSql"/> and <see cref="AnywhereSql"/>,
    /// which the service runs, must answer exactly like (SearchAvailabilityTests compares them).
    /// </summary>
    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    internal const string Sql = $"""
        SELECT s.id AS slot_id, s.starts_at, s.ends_at, s.mode,
               p.id AS practitioner_id, p.first_name, p.last_name, p.profession,
               st.id AS site_id, {SiteRef.Columns},
               CASE WHEN @HasNear AND st.id IS NOT NULL THEN distance_km(@Lat, @Lon, st.latitude, st.longitude) END AS distance_km
        FROM slots s
        JOIN practitioners p ON p.id = s.practitioner_id
        LEFT JOIN sites st ON st.id = s.site_id
        WHERE s.status = 'free' AND s.profession = @Profession
          AND s.starts_at >= @From AND s.starts_at < @To
          AND (@Mode::text IS NULL OR s.mode = @Mode)
          AND (NOT @SasOnly OR s.visibility = 'sas')
          AND (st.id IS NULL OR @PostalCode::text IS NULL OR st.postal_code = @PostalCode)
          AND (st.id IS NULL OR @Radius::float8 IS NULL OR (
                st.latitude BETWEEN @MinLat AND @MaxLat AND st.longitude BETWEEN @MinLon AND @MaxLon
                AND distance_km(@Lat, @Lon, st.latitude, st.longitude) <= @Radius))
          AND (NOT @HasAfter OR (s.starts_at, COALESCE(CASE WHEN @HasNear AND st.id IS NOT NULL THEN distance_km(@Lat, @Lon, st.latitude, st.longitude) END, 'Infinity'::float8), s.id)
                                > (@AfterStart, @AfterDistance, @AfterId))
        ORDER BY s.starts_at, distance_km NULLS LAST, s.id
        LIMIT @Take
        """;

    /// <summary>
    /// The same search when a place is given (0016_search_by_place.sql): the
    /// sites that match first, then for each one at most a page of its soonest free slots, read in
    /// (starts_at, id) order from <c>slots_free_by_site_profession_start</c> — within one site the distance
    /// is the same for every slot, so each site's share of the page is among them — plus at most a page of
    /// siteless slots, which match every place; then the page, in the order of <see cref="Sql"/>. Same rows,
    /// same order as <see cref="Sql"/>, reading a few index pages per site instead of every slot of the
    /// window (docs/PERFORMANCE.md, "Search narrowed by place (round 2)").
    /// </summary>
    internal const string PlaceSql = """
        WITH place AS (
            SELECT st.id, st.name, st.address, st.postal_code, st.city, st.phone,
                   CASE WHEN @HasNear THEN distance_km(@Lat, @Lon, st.latitude, st.longitude) END AS distance_km
            FROM sites st
            WHERE (@PostalCode::text IS NULL OR st.postal_code = @PostalCode)
              AND (@Radius::float8 IS NULL OR (
                    st.latitude BETWEEN @MinLat AND @MaxLat AND st.longitude BETWEEN @MinLon AND @MaxLon
                    AND distance_km(@Lat, @Lon, st.latitude, st.longitude) <= @Radius))
        ), found AS (
            SELECT f.id, f.starts_at, f.ends_at, f.mode, f.practitioner_id,
                   pl.id AS site_id, pl.name, pl.address, pl.postal_code, pl.city, pl.phone, pl.distance_km
            FROM place pl
            CROSS JOIN LATERAL (
                SELECT s.id, s.starts_at, s.ends_at, s.mode, s.practitioner_id
                FROM slots s
                WHERE s.site_id = pl.id AND s.status = 'free' AND s.profession = @Profession
                  AND s.starts_at >= @ScanFrom AND s.starts_at < @To
                  AND (@Mode::text IS NULL OR s.mode = @Mode)
                  AND (NOT @SasOnly OR s.visibility = 'sas')
                  AND (NOT @HasAfter OR (s.starts_at, COALESCE(pl.distance_km, 'Infinity'::float8), s.id) > (@AfterStart, @AfterDistance, @AfterId))
                ORDER BY s.starts_at, s.id
                LIMIT @Take) f
            UNION ALL
            (SELECT s.id, s.starts_at, s.ends_at, s.mode, s.practitioner_id,
                    NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::float8
             FROM slots s
             WHERE s.site_id IS NULL AND s.status = 'free' AND s.profession = @Profession
               AND s.starts_at >= @ScanFrom AND s.starts_at < @To
               AND (@Mode::text IS NULL OR s.mode = @Mode)
               AND (NOT @SasOnly OR s.visibility = 'sas')
               AND (NOT @HasAfter OR (s.starts_at, 'Infinity'::float8, s.id) > (@AfterStart, @AfterDistance, @AfterId))
             ORDER BY s.starts_at, s.id
             LIMIT @Take)
        ), page AS (
            SELECT * FROM found ORDER BY starts_at, distance_km NULLS LAST, id LIMIT @Take
        )
        SELECT f.id AS slot_id, f.starts_at, f.ends_at, f.mode,
               p.id AS practitioner_id, p.first_name, p.last_name, p.profession,
               f.site_id, f.name AS site_name, f.address AS site_address, f.postal_code AS site_postal_code, f.city AS site_city, f.phone AS site_phone,
               f.distance_km
        FROM page f
        JOIN practitioners p ON p.id = f.practitioner_id
        ORDER BY f.starts_at, f.distance_km NULLS LAST, f.id
        """;

    /// <summary>
    /// The same search when no place is given (no near, radius nor postal code): no distance, so the
    /// order is (starts_at, id); the page is read from <c>slots_free_by_profession_start</c> before the
    /// practitioners and sites are joined to it. Same rows, same order as <see cref="Sql"/>.
    /// </summary>
    internal const string AnywhereSql = """
        SELECT f.id AS slot_id, f.starts_at, f.ends_at, f.mode,
               p.id AS practitioner_id, p.first_name, p.last_name, p.profession,
               st.id AS site_id, st.name AS site_name, st.address AS site_address, st.postal_code AS site_postal_code, st.city AS site_city, st.phone AS site_phone,
               NULL::float8 AS distance_km
        FROM (
            SELECT s.id, s.starts_at, s.ends_at, s.mode, s.practitioner_id, s.site_id
            FROM slots s
            WHERE s.status = 'free' AND s.profession = @Profession
              AND s.starts_at >= @ScanFrom AND s.starts_at < @To
              AND (@Mode::text IS NULL OR s.mode = @Mode)
              AND (NOT @SasOnly OR s.visibility = 'sas')
              AND (NOT @HasAfter OR (s.starts_at, 'Infinity'::float8, s.id) > (@AfterStart, @AfterDistance, @AfterId))
            ORDER BY s.starts_at, s.id
            LIMIT @Take) f
        JOIN practitioners p ON p.id = f.practitioner_id
        LEFT JOIN sites st ON st.id = f.site_id
        ORDER BY f.starts_at, f.id
        """;

    /// <summary>
    /// The SQL the service runs for these criteria: <see cref="PlaceSql"/> when a place is given (near,
    /// radius or postal code), <see cref="AnywhereSql"/> otherwise. Both return what <see cref="Sql"/>
    /// returns; unlike it, their generic plans (the ones PostgreSQL keeps for a statement Npgsql
    /// prepares) read only a page or so per site rather than every slot of the window.
    /// </summary>
    public static string SqlFor(Criteria c) => c.Near is not null || c.PostalCode is not null ? PlaceSql : AnywhereSql;

    public static object Parameters(Criteria c)
    {
        var box = c.Near is { } n && c.RadiusKm is { } r ? BoundingBox(n.Lat, n.Lon, r) : default;
        return new
        {
            c.From, c.To, c.Profession, c.Mode, c.SasOnly, c.PostalCode,
            HasNear = c.Near is not null, Lat = c.Near?.Lat ?? 0, Lon = c.Near?.Lon ?? 0,
            Radius = c.RadiusKm, box.MinLat, box.MaxLat, box.MinLon, box.MaxLon,
            HasAfter = c.After is not null, AfterStart = c.After?.Start ?? DateTimeOffset.UnixEpoch,
            AfterDistance = c.After?.Distance ?? double.PositiveInfinity,
            AfterId = c.After?.Id ?? Guid.Empty, Take = c.Limit + 1,
            // The keyset implies starts_at >= AfterStart: PlaceSql and AnywhereSql start their index scans there.
            ScanFrom = c.After is { } a && a.Start > c.From ? a.Start : c.From,
        };
    }

    private sealed record Row(Guid SlotId, DateTime StartsAt, DateTime EndsAt, string Mode, Guid PractitionerId, string FirstName,
        string LastName, string Profession, Guid? SiteId, string? SiteName, string? SiteAddress, string? SitePostalCode, string? SiteCity,
        string? SitePhone, double? DistanceKm);

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Page<AvailableSlot>>>
    {
        public async ValueTask<Result<Page<AvailableSlot>>> Handle(Query query, CancellationToken ct)
        {
            var parsed = Parse(query, clock.GetUtcNow());
            if (parsed.Error is { } e) return e;
            var criteria = parsed.Value!;

            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<Row>(new CommandDefinition(SqlFor(criteria), Parameters(criteria), cancellationToken: ct))).ToList();
            var page = Paging.ToPage(rows, criteria.Limit, Cursor);
            var items = page.Items.Select(r => new AvailableSlot(
                r.SlotId, Utc(r.StartsAt), Utc(r.EndsAt), r.Mode,
                new PractitionerRef(r.PractitionerId, $"{r.FirstName} {r.LastName}", r.Profession),
                SiteRef.Of(r.SiteId, r.SiteName, r.SiteAddress, r.SitePostalCode, r.SiteCity, r.SitePhone),
                r.DistanceKm is { } d ? Math.Round(d, 2) : null)).ToList();
            return new Page<AvailableSlot>(items, page.Next);
        }

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
