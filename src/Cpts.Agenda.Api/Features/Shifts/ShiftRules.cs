using System.Data;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>Rules and messages the shift use cases share.</summary>
public static class ShiftRules
{
    public static async Task<string?> ProfessionOf(NpgsqlConnection c, Guid practitionerId, CancellationToken ct, IDbTransaction? tx = null) =>
        await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT profession FROM practitioners WHERE id = @Id", new { Id = practitionerId }, tx, cancellationToken: ct));

    public static Error? ProfessionMismatch(ShiftRow shift, string profession) => profession == shift.Profession
        ? null
        : Error.Rule($"This is a {shift.Profession} shift; a {profession} cannot take it.");

    /// <summary>
    /// The 409 for a 23P01 on commitments: names what the practitioner already holds at that time
    /// (read after the failed transaction has been rolled back).
    /// </summary>
    public static async Task<Error> OverlapAsync(NpgsqlDataSource db, Guid practitionerId, ShiftRow shift, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var kind = await c.QueryFirstOrDefaultAsync<string?>(new CommandDefinition("""
            SELECT source_kind FROM commitments
            WHERE holder_id = @PractitionerId AND during && tstzrange(@Start, @End, '[)') AND source_id <> @Id
            ORDER BY lower(during) LIMIT 1
            """, new { PractitionerId = practitionerId, Start = shift.StartsAt, End = shift.EndsAt, shift.Id }, cancellationToken: ct));
        var what = kind switch
        {
            "slot" => "a published SNP slot",
            "shift" => "another shift",
            "teleconsultation" => "a teleconsultation",
            null => "another commitment",
            _ => $"another commitment ({kind})",
        };
        return Error.Conflict($"The practitioner already has {what} overlapping this shift ({Paris.Format(shift.StartsAt)} to {Paris.Format(shift.EndsAt)}).");
    }

    /// <summary>The 409 for a busy time from the practitioner's own calendar (refuse_busy_time()).</summary>
    public static Error BusyTime(ShiftRow shift) => Error.Conflict(
        $"The practitioner has a busy time in their own calendar during this shift ({Paris.Format(shift.StartsAt)} to {Paris.Format(shift.EndsAt)}).");

    public static bool IsOverlap(PostgresException e) => e.SqlState == PostgresErrorCodes.ExclusionViolation;
}
