namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// Writes audit rows (<c>audit_events</c>, append-only): the entry a use case describes, with the
/// caller and client address of the current request (a use case sent outside a request, by a job,
/// is recorded as <c>system</c>). A request answered by an Idempotency-Key replay is recorded as
/// <c>{objectKind}.replay</c>, not as a second create.
/// Where: a booking (<see cref="Bookings.BookSlot"/>, the busiest write) writes its row inside its own
/// transaction with <see cref="RecordInAsync{TValue}"/>: one commit, so one WAL flush, for both, and no
/// booking without its row. Every other use case's row is written by the pipeline step after the use case
/// committed, on its own connection; a failure to write it is an error of the request (a 500), never
/// silently dropped. The pipeline step does not write a row a use case already wrote.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource db, TimeProvider clock, IHttpContextAccessor http, Idempotency.ReplayMarker replay)
{
    public const string System = "system";

    private const string Insert = """
        INSERT INTO audit_events (at, actor, actor_role, action, object_kind, object_id, outcome, status_code, ip)
        VALUES (@At, @Actor, @Role, @Action, @ObjectKind, @ObjectId, @Outcome, @Status, @Ip)
        """;

    // The request whose row is already written in its own transaction (this scope's).
    private object? _writtenFor;

    public async Task RecordAsync(AuditEntry entry)
    {
        await using var c = await db.OpenConnectionAsync(CancellationToken.None);
        await c.ExecuteAsync(new CommandDefinition(Insert, Row(entry), cancellationToken: CancellationToken.None));
    }

    /// <summary>Writes the row of <paramref name="request"/>'s success inside the use case's transaction, before it commits.</summary>
    public async Task RecordInAsync<TValue>(IAudited<TValue> request, TValue done, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (((IAuditedResult<Result<TValue>>)request).EntryFor(done) is not { } entry) return;
        await tx.Connection!.ExecuteAsync(new CommandDefinition(Insert, Row(entry), tx, cancellationToken: ct));
        _writtenFor = request;
    }

    /// <summary>Whether the use case already wrote its row in its own transaction.</summary>
    public bool Wrote(object request) => ReferenceEquals(_writtenFor, request);

    private object Row(AuditEntry entry)
    {
        var context = http.HttpContext;
        var caller = context is null ? null : Caller.From(context.User);
        return new
        {
            At = clock.GetUtcNow(), Actor = caller?.Subject ?? System, Role = caller?.Role ?? System,
            Action = replay.Replayed ? $"{entry.ObjectKind}.replay" : entry.Action,
            entry.ObjectKind, entry.ObjectId, entry.Outcome, entry.Status, Ip = context?.Connection.RemoteIpAddress?.ToString(),
        };
    }
}
