namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// GET /api/audit?from&amp;to&amp;objectId&amp;actor&amp;action — the coordinator reads the trail, newest first.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ReadAudit
{
    /// <param name="Action">an action ("booking.cancel") or its prefix ("booking").</param>
    public sealed record Query(string? From, string? To, string? ObjectId, string? Actor, int? Limit, string? Cursor, string? Action = null) : IRequest<Result<Page<AuditEventDto>>>;

    private const string Sql = """
        SELECT id, at, actor, actor_role, action, object_kind, object_id, outcome, status_code, ip
        FROM audit_events
        WHERE at >= @From AND at < @To
          AND (@ObjectId::text IS NULL OR object_id = @ObjectId)
          AND (@Actor::text IS NULL OR actor = @Actor)
          AND (@Action::text IS NULL OR action = @Action OR starts_with(action, @Action || '.'))
          AND id < @Before
        ORDER BY id DESC
        LIMIT @Take
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Page<AuditEventDto>>>
    {
        public async ValueTask<Result<Page<AuditEventDto>>> Handle(Query query, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var v = new Validation();
            var period = v.Period(query.From, query.To, now.AddDays(-30), _ => now.AddMinutes(1));
            v.Optional(query.ObjectId, "objectId", 100)
                .Optional(query.Actor, "actor", 200)
                .Optional(query.Action, "action", 100);
            v.CheckLimit(query.Limit);
            long before = long.MaxValue;
            v.Check(query.Cursor is null || long.TryParse(Paging.Decode(query.Cursor), out before), "cursor", "cursor is not one this service gave.");
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(query.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<AuditEventDto>(new CommandDefinition(Sql, new
            {
                period!.Value.From, period.Value.To, query.ObjectId, query.Actor, Action = string.IsNullOrWhiteSpace(query.Action) ? null : query.Action.Trim(), Before = before, Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            return Paging.ToPage(rows, limit, e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
