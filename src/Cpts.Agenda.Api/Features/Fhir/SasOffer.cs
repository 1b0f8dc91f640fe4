namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// What the SAS reads show of the agenda, and nothing more than the slot search shows: a free SAS-visible
/// slot that has not ended, the places (practitioner × site: a Schedule) that have one, and the active
/// practitioners of the directory (FrPractitionerAgregateur).
/// </summary>
public static class SasOffer
{
    private const string Offered = "s.visibility = 'sas' AND s.status = 'free' AND s.ends_at > @Now";

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string OneOffered = $"{SasSlotRow.Select}WHERE s.id = @Id AND {Offered}";

    private const string Places = $"""
        SELECT DISTINCT s.practitioner_id, s.site_id FROM slots s
        WHERE {Offered} AND (@PractitionerId::uuid IS NULL OR s.practitioner_id = @PractitionerId)
        ORDER BY s.practitioner_id, s.site_id
        """;

    private const string OnePractitioner = """
        SELECT id AS practitioner_id, rpps, first_name, last_name, phone FROM practitioners
        WHERE active AND ((@Id::uuid IS NOT NULL AND id = @Id) OR (@Rpps::text IS NOT NULL AND rpps = @Rpps))
        """;

    /// <summary>A free SAS-visible slot that has not ended, or null.</summary>
    public static async Task<SasSlotRow?> SlotAsync(NpgsqlDataSource db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SasSlotRow>(new CommandDefinition(OneOffered, new { Id = id, Now = now }, cancellationToken: ct));
    }

    /// <summary>The places that have a free SAS-visible slot not ended, of one practitioner or all.</summary>
    public static async Task<IReadOnlyList<SasSlotRow>> PlacesAsync(NpgsqlDataSource db, Guid? practitionerId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<SasSlotRow>(new CommandDefinition(Places,
            new { PractitionerId = practitionerId, Now = now }, cancellationToken: ct))).AsList();
    }

    /// <summary>An active practitioner of the directory by id or by RPPS, or null.</summary>
    public static async Task<SasSlotRow?> PractitionerAsync(NpgsqlDataSource db, Guid? id, string? rpps, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SasSlotRow>(new CommandDefinition(OnePractitioner, new { Id = id, Rpps = rpps }, cancellationToken: ct));
    }
}
