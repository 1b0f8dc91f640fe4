using System.Globalization;
using System.Net.Http.Json;
using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>What the load driver needs to know about the seeded agenda, read from the database itself.</summary>
public sealed record SeededShape(DateTimeOffset FirstStart, DateTimeOffset LastStart, double MinLat, double MaxLat, double MinLon, double MaxLon, string[] PostalCodes)
{
    public static async Task<SeededShape> ReadAsync(NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        var slots = await c.QuerySingleAsync<(DateTime? First, DateTime? Last)>("SELECT min(starts_at), max(starts_at) FROM slots WHERE starts_at > now()");
        if (slots.First is null || slots.Last is null) throw new InvalidOperationException("The database has no future slots: run the seed command first.");
        var box = await c.QuerySingleAsync<(double MinLat, double MaxLat, double MinLon, double MaxLon)>(
            "SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM sites");
        var codes = (await c.QueryAsync<string>("SELECT DISTINCT postal_code FROM sites ORDER BY 1")).ToArray();
        return new SeededShape(Utc(slots.First.Value), Utc(slots.Last.Value), box.MinLat, box.MaxLat, box.MinLon, box.MaxLon, codes);
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}

/// <summary>
/// Regulator searches as a SAS regulator would make them: a random point of the département, a 10–30 km
/// radius, a window of 2 to 24 hours somewhere in the seeded month, sometimes a mode or a postal code.
/// The same query goes over HTTP and, parsed by the service's own rules, straight to its SQL.
/// </summary>
public sealed class SearchWorkload(SeededShape shape, int seed)
{
    private static readonly Caller Regulator = new("bench-regulator", Roles.Regulator, null);
    private readonly Random _rng = new(seed);

    public SearchAvailability.Query Next()
    {
        lock (_rng)
        {
            var lat = shape.MinLat + _rng.NextDouble() * (shape.MaxLat - shape.MinLat);
            var lon = shape.MinLon + _rng.NextDouble() * (shape.MaxLon - shape.MinLon);
            var radius = 10 + _rng.Next(0, 21);
            var span = Math.Max((shape.LastStart - shape.FirstStart).TotalHours - 2, 1);
            var from = shape.FirstStart.AddHours(Math.Floor(_rng.NextDouble() * span));
            var to = from.AddHours(_rng.Next(2, 25));
            var roll = _rng.Next(100);
            var profession = roll < 80 ? Professions.Generalist : roll < 95 ? Professions.Nurse : Professions.Physiotherapist;
            var mode = _rng.Next(100) < 30 ? SlotRules.Modes[_rng.Next(SlotRules.Modes.Length)] : null;
            var postalCode = _rng.Next(100) < 20 && shape.PostalCodes.Length > 0 ? shape.PostalCodes[_rng.Next(shape.PostalCodes.Length)] : null;
            return new SearchAvailability.Query(Regulator, Paris.Format(from), Paris.Format(to), profession, mode,
                string.Create(CultureInfo.InvariantCulture, $"{lat:0.0000},{lon:0.0000}"), radius, postalCode, null, null);
        }
    }

    public static string Url(SearchAvailability.Query q)
    {
        var parts = new List<string>
        {
            "from=" + Uri.EscapeDataString(q.From!), "to=" + Uri.EscapeDataString(q.To!), "profession=" + q.Profession,
            "near=" + Uri.EscapeDataString(q.Near!), "radiusKm=" + q.RadiusKm!.Value.ToString(CultureInfo.InvariantCulture),
        };
        if (q.Mode is not null) parts.Add("mode=" + q.Mode);
        if (q.PostalCode is not null) parts.Add("postalCode=" + q.PostalCode);
        return "/api/availability?" + string.Join('&', parts);
    }

    public static SearchAvailability.Criteria Criteria(SearchAvailability.Query q) =>
        SearchAvailability.Parse(q, DateTimeOffset.UtcNow).Value ?? throw new InvalidOperationException($"The bench made an invalid search: {Url(q)}");
}

/// <summary>One row of the search, read the way the service reads it.</summary>
public sealed class SearchRow
{
    public Guid SlotId { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string Mode { get; init; } = "";
    public Guid PractitionerId { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Profession { get; init; } = "";
    public Guid? SiteId { get; init; }
    public string? SiteName { get; init; }
    public string? SiteCity { get; init; }
    public double? DistanceKm { get; init; }
}

/// <summary>The operations the scenarios time: over HTTP against the service, or straight to PostgreSQL.</summary>
public static class Operations
{
    public static Func<int, CancellationToken, Task<Outcome>> HttpGet(HttpClient http, Func<string> url) => async (_, ct) =>
    {
        using var response = await http.GetAsync(url(), HttpCompletionOption.ResponseContentRead, ct);
        return LoadRunner.Classify((int)response.StatusCode);
    };

    public static Func<int, CancellationToken, Task<Outcome>> SqlSearch(NpgsqlDataSource db, SearchWorkload workload, RowCounter rows) => async (_, ct) =>
    {
        var criteria = SearchWorkload.Criteria(workload.Next());
        await using var c = await db.OpenConnectionAsync(ct);
        var found = (await c.QueryAsync<SearchRow>(new CommandDefinition(SearchAvailability.SqlFor(criteria), SearchAvailability.Parameters(criteria), cancellationToken: ct))).AsList();
        rows.Add(found.Count);
        return Outcome.Ok;
    };

    public static object BookingBody(Guid slotId, int n) => new
    {
        slotId,
        patient = new { firstName = "Patient", lastName = $"Bench{n}", birthDate = "1970-05-12", phone = "03 84 00 00 00", hasRegularDoctor = n % 3 != 0 },
        reason = "Fièvre depuis deux jours",
    };

    /// <summary>POST /api/bookings on the next slot of a list; each request carries its own Idempotency-Key, as a regulator's client does.</summary>
    public static Func<int, CancellationToken, Task<Outcome>> HttpBookNext(HttpClient http, IReadOnlyList<Guid> slots, Counter next) => async (_, ct) =>
    {
        var i = next.Next();
        if (i >= slots.Count) return Outcome.Exhausted;
        return await HttpBookAsync(http, slots[i], i, ct);
    };

    public static Func<int, CancellationToken, Task<Outcome>> HttpBookRandom(HttpClient http, IReadOnlyList<Guid> slots, int seed)
    {
        var rng = new Random(seed);
        var n = 0;
        return async (_, ct) =>
        {
            int i;
            lock (rng) i = rng.Next(slots.Count);
            return await HttpBookAsync(http, slots[i], Interlocked.Increment(ref n), ct);
        };
    }

    private static async Task<Outcome> HttpBookAsync(HttpClient http, Guid slotId, int n, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(BookingBody(slotId, n)) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return LoadRunner.Classify((int)response.StatusCode);
    }

    // The booking transaction's two writes, as BookSlot runs them.
    private const string TakeSlot = """
        UPDATE slots SET status = 'booked', version = version + 1, updated_at = @Now
        WHERE id = @SlotId AND status = 'free'
        RETURNING practitioner_id, starts_at, ends_at
        """;

    private const string InsertBooking = """
        INSERT INTO bookings (id, slot_id, practitioner_id, starts_at, ends_at, channel, status,
            patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_has_regular_doctor,
            reason, booked_by, booked_by_role, created_at)
        VALUES (@Id, @SlotId, @PractitionerId, @StartsAt, @EndsAt, 'sas', 'active',
            'Patient', @LastName, DATE '1970-05-12', '03 84 00 00 00', true, 'Fièvre depuis deux jours', 'bench-regulator', 'regulator', @Now)
        """;

    /// <summary>The floor: UPDATE slots … + INSERT bookings in one transaction, straight through Npgsql.</summary>
    public static Func<int, CancellationToken, Task<Outcome>> SqlBookNext(NpgsqlDataSource db, IReadOnlyList<Guid> slots, Counter next) => async (_, ct) =>
    {
        var i = next.Next();
        if (i >= slots.Count) return Outcome.Exhausted;
        var now = DateTimeOffset.UtcNow;
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var slot = await c.QuerySingleOrDefaultAsync<(Guid PractitionerId, DateTime StartsAt, DateTime EndsAt)?>(
            new CommandDefinition(TakeSlot, new { SlotId = slots[i], Now = now }, tx, cancellationToken: ct));
        if (slot is not { } s)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Conflict;
        }
        await c.ExecuteAsync(new CommandDefinition(InsertBooking, new
        {
            Id = Guid.CreateVersion7(), SlotId = slots[i], s.PractitionerId,
            StartsAt = DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc), EndsAt = DateTime.SpecifyKind(s.EndsAt, DateTimeKind.Utc),
            LastName = $"Bench{i}", Now = now,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    };

    /// <summary>Free SAS slots that start at least an hour from now, in random order.</summary>
    public static async Task<List<Guid>> FreeSasSlotsAsync(NpgsqlDataSource db, int count)
    {
        await using var c = await db.OpenConnectionAsync();
        return (await c.QueryAsync<Guid>("""
            SELECT id FROM slots
            WHERE status = 'free' AND visibility = 'sas' AND starts_at > now() + interval '1 hour'
            ORDER BY random() LIMIT @Count
            """, new { Count = count })).AsList();
    }
}

public sealed class Counter
{
    private int _value = -1;
    public int Next() => Interlocked.Increment(ref _value);
}

public sealed class RowCounter
{
    private long _queries, _rows, _empty;
    public void Add(int rows)
    {
        Interlocked.Increment(ref _queries);
        Interlocked.Add(ref _rows, rows);
        if (rows == 0) Interlocked.Increment(ref _empty);
    }
    public long Queries => Interlocked.Read(ref _queries);
    public double MeanRows => Queries == 0 ? 0 : (double)Interlocked.Read(ref _rows) / Queries;
    public double EmptyShare => Queries == 0 ? 0 : (double)Interlocked.Read(ref _empty) / Queries;
}
