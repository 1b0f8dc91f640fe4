using System.Data;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

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

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string ById = $"SELECT {Columns} FROM shifts WHERE id = @Id";

    private const string ByIdForUpdate = $"{ById} FOR UPDATE";

    public static async Task<ShiftRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, IDbTransaction? tx = null, bool forUpdate = false) =>
        await c.QuerySingleOrDefaultAsync<ShiftRow>(new CommandDefinition(
            forUpdate ? ByIdForUpdate : ById, new { Id = id }, tx, cancellationToken: ct));
}
