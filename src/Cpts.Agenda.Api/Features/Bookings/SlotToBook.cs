using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// The slot behind a booking link (<c>/rendez-vous/{slotId}</c>) or a confirmation, for the booking
/// page's callers (regulator, nurse, practitioner, coordinator) and the confirmation page. Visibility is
/// the booking's: a regulator sees only slots published for the SAS (another slot does not exist
/// for them, as in <see cref="BookSlot"/>).
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class SlotToBook
{
    public sealed record Query(Caller Caller, Guid SlotId) : IRequest<Result<SlotToBookDto>>;

    private const string Sql = $"""
        SELECT s.id AS slot_id, s.starts_at, s.ends_at, s.mode, s.profession, s.status, s.visibility,
               p.id AS practitioner_id, p.first_name, p.last_name, p.profession AS practitioner_profession,
               st.id AS site_id, {SiteRef.Columns}, st.latitude, st.longitude
        FROM slots s
        JOIN practitioners p ON p.id = s.practitioner_id
        LEFT JOIN sites st ON st.id = s.site_id
        WHERE s.id = @SlotId
        """;

    private sealed record Row(Guid SlotId, DateTime StartsAt, DateTime EndsAt, string Mode, string Profession, string Status, string Visibility,
        Guid PractitionerId, string FirstName, string LastName, string PractitionerProfession, Guid? SiteId, string? SiteName, string? SiteAddress,
        string? SitePostalCode, string? SiteCity, string? SitePhone, double? Latitude, double? Longitude);

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<SlotToBookDto>>
    {
        public async ValueTask<Result<SlotToBookDto>> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var r = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { query.SlotId }, cancellationToken: ct));
            if (r is null || (query.Caller.Is(Roles.Regulator) && r.Visibility != "sas")) return Error.NotFound($"Slot {query.SlotId}");
            return new SlotToBookDto(r.SlotId, Utc(r.StartsAt), Utc(r.EndsAt), r.Mode, r.Profession, r.Status,
                new PractitionerRef(r.PractitionerId, $"{r.FirstName} {r.LastName}", r.PractitionerProfession),
                SiteRef.Of(r.SiteId, r.SiteName, r.SiteAddress, r.SitePostalCode, r.SiteCity, r.SitePhone), r.Latitude, r.Longitude);
        }

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
