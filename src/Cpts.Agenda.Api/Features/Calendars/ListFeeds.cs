namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The feeds a caller (practitioner, nurse, coordinator) may revoke, oldest first: those they created and
/// those showing their own agenda; the coordinator's list holds every feed. Revoked feeds are left out.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListFeeds
{
    public sealed record Query(Caller Caller, int? Limit, string? Cursor) : IRequest<Result<Page<FeedDto>>>;

    private const string Sql = """
        SELECT f.id, f.scope, f.scope_id, f.created_by, f.created_at,
               COALESCE(CASE f.scope
                   WHEN 'practitioner' THEN (SELECT p.first_name || ' ' || p.last_name FROM practitioners p WHERE p.id = f.scope_id)
                   WHEN 'room' THEN (SELECT r.name || ' (' || s.name || ')' FROM rooms r JOIN sites s ON s.id = r.site_id WHERE r.id = f.scope_id)
                   ELSE (SELECT s.name FROM sites s WHERE s.id = f.scope_id) END, '') AS scope_name
        FROM calendar_feeds f
        WHERE f.revoked_at IS NULL
          AND (@All OR f.created_by = @Subject OR (f.scope = 'practitioner' AND f.scope_id = @PractitionerId))
          AND (NOT @HasAfter OR (f.created_at, f.id) > (@AfterStart, @AfterId))
        ORDER BY f.created_at, f.id
        LIMIT @Take
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Scope { get; init; } = "";
        public Guid ScopeId { get; init; }
        public string ScopeName { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Page<FeedDto>>>
    {
        public async ValueTask<Result<Page<FeedDto>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var after = v.CheckPage(q.Limit, q.Cursor);
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(q.Limit);
            var caller = q.Caller;
            await using var c = await db.OpenConnectionAsync(ct);
            var page = await c.QueryTicksPageAsync<Row>(Sql, new
            {
                All = caller.IsCoordinator, caller.Subject,
                PractitionerId = FeedScopes.IsPerson(caller) ? caller.PractitionerId : null,
            }, after, limit, r => (r.CreatedAt, r.Id), ct);
            return new Page<FeedDto>(page.Items.Select(r => new FeedDto(r.Id, r.Scope, r.ScopeId, r.ScopeName, r.CreatedBy, r.CreatedAt)).ToList(), page.Next);
        }
    }
}
