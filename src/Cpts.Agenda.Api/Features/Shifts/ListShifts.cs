using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The roster, for any signed-in caller (no patient data): shifts starting in [from, to), soonest first,
/// filtered by site, status, profession, assignee; or one shift.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListShifts
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "assigned"];

    public sealed record Query(Guid? SiteId, string? From, string? To, string? Status, string? Profession, Guid? AssigneeId, int? Limit, string? Cursor)
        : IRequest<Result<Page<ShiftDto>>>;

    public sealed record One(Guid Id) : IRequest<Result<ShiftDto>>;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Sql = $"""
        SELECT {ShiftRow.Columns} FROM shifts
        WHERE starts_at >= @From AND starts_at < @To
          AND (@SiteId::uuid IS NULL OR site_id = @SiteId)
          AND (@Profession::text IS NULL OR profession = @Profession)
          AND (@Status::text IS NULL OR (assignee_id IS NULL) = (@Status = 'open'))
          AND (@AssigneeId::uuid IS NULL OR assignee_id = @AssigneeId)
          AND (NOT @HasAfter OR (starts_at, id) > (@AfterStart, @AfterId))
        ORDER BY starts_at, id
        LIMIT @Take
        """;

    /// <summary>
    /// The shifts of one assignee starting in [@From, @To), all of them in the order of the pages of <see cref="Sql"/>:
    /// for the agenda, which reads them with her other commitments in one batch.
    /// </summary>
    internal const string AssigneePeriodSql = $"""
        SELECT {ShiftRow.Columns} FROM shifts
        WHERE assignee_id = @AssigneeId AND starts_at >= @From AND starts_at < @To
        ORDER BY starts_at, id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) :
        IRequestHandler<Query, Result<Page<ShiftDto>>>,
        IRequestHandler<One, Result<ShiftDto>>
    {
        public async ValueTask<Result<Page<ShiftDto>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var window = v.ListWindow(q.From, q.To, clock.GetUtcNow());
            if (q.Status is not null) v.OneOf(q.Status, "status", Statuses);
            if (q.Profession is not null) v.OneOf(q.Profession, "profession", Professions.All);
            var after = v.CheckPage(q.Limit, q.Cursor);
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var page = await c.QueryTicksPageAsync<ShiftRow>(Sql,
                new { window!.Value.From, window.Value.To, q.SiteId, q.Profession, q.Status, q.AssigneeId },
                after, limit, r => (r.StartsAt, r.Id), ct);
            var names = await ShiftRow.NamesAsync(c, page.Items.ToList(), ct);
            return new Page<ShiftDto>(page.Items.Select(r => r.ToDto(names)).ToList(), page.Next);
        }

        public async ValueTask<Result<ShiftDto>> Handle(One q, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await ShiftRow.LoadAsync(c, q.Id, ct);
            return row is null ? Error.NotFound($"Shift {q.Id}") : row.ToDto(await ShiftRow.NamesAsync(c, [row], ct));
        }
    }
}
