using System.Data;
using System.Text.Json.Serialization;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// A shift as the API shows it: its Paris day, period, true instants and who holds it
/// (assigneeId is null while the shift is open; holiday is there on public holidays only).
/// </summary>
public sealed record ShiftDto(
    Guid Id, Guid SiteId, [property: ValuesFrom(typeof(Directory.Professions), nameof(Directory.Professions.All))] string Profession, DateOnly Date, string Period, string? Holiday,
    DateTimeOffset Start, DateTimeOffset End, [property: ValuesFrom(typeof(ListShifts), nameof(ListShifts.Statuses))] string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Guid? AssigneeId,
    SiteRef? Site = null, PractitionerRef? Assignee = null);

/// <summary>A shifts row (classes with init properties: Dapper reads timestamptz as DateTime).</summary>
public sealed class ShiftRow
{
    public const string Columns = "id, site_id, profession, period, starts_at, ends_at, assignee_id, version";

    public Guid Id { get; init; }
    public Guid SiteId { get; init; }
    public string Profession { get; init; } = "";
    public string Period { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public Guid? AssigneeId { get; init; }
    public int Version { get; init; }

    /// <param name="names">when given, the site's and the assignee's names travel with their ids (answers people read).</param>
    public ShiftDto ToDto(NameBook? names = null)
    {
        var date = Paris.LocalDate(StartsAt);
        return new ShiftDto(Id, SiteId, Profession, date, Period, PublicHolidays.NameOf(date), StartsAt, EndsAt,
            AssigneeId is null ? "open" : "assigned", AssigneeId, names?.Site(SiteId), names?.Practitioner(AssigneeId));
    }

    public static Task<NameBook> NamesAsync(NpgsqlConnection c, IReadOnlyCollection<ShiftRow> rows, CancellationToken ct) =>
        NameBook.LoadAsync(c, rows.Select(r => r.AssigneeId), rows.Select(r => (Guid?)r.SiteId), ct);

    public static async Task<ShiftRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, IDbTransaction? tx = null, bool forUpdate = false) =>
        await c.QuerySingleOrDefaultAsync<ShiftRow>(new CommandDefinition(
            $"SELECT {Columns} FROM shifts WHERE id = @Id{(forUpdate ? " FOR UPDATE" : "")}", new { Id = id }, tx, cancellationToken: ct));
}

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
