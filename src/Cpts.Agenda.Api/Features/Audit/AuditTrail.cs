namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// Writes audit rows (<c>audit_events</c>, append-only): the entry a use case describes, with the
/// caller and client address of the current request (a use case sent outside a request, by a job,
/// is recorded as <c>system</c>). The row is written after the use case committed, on its own
/// connection; a failure to write it is an error of the request (a 500), never silently dropped. A
/// request answered by an Idempotency-Key replay is recorded as <c>{objectKind}.replay</c>, not as a
/// second create.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource db, TimeProvider clock, IHttpContextAccessor http, Idempotency.ReplayMarker replay)
{
    public const string System = "system";

    public async Task RecordAsync(AuditEntry entry)
    {
        var context = http.HttpContext;
        var caller = context is null ? null : Caller.From(context.User);
        var action = replay.Replayed ? $"{entry.ObjectKind}.replay" : entry.Action;
        await using var c = await db.OpenConnectionAsync(CancellationToken.None);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_events (at, actor, actor_role, action, object_kind, object_id, outcome, status_code, ip)
            VALUES (@At, @Actor, @Role, @Action, @ObjectKind, @ObjectId, @Outcome, @Status, @Ip)
            """, new
        {
            At = clock.GetUtcNow(), Actor = caller?.Subject ?? System, Role = caller?.Role ?? System, Action = action,
            entry.ObjectKind, entry.ObjectId, entry.Outcome, entry.Status, Ip = context?.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken: CancellationToken.None));
    }
}
