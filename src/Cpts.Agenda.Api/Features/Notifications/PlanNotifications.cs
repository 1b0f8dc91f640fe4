using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The planner: derives the notifications the agenda calls for from the database state. Inserts
/// what is missing (the unique key makes a second planner, or a second run, a no-op) and cancels
/// queued notifications whose subject no longer holds (cancelled, moved, erased). A cancelled row
/// that is wanted again (a shift released then taken back by the same practitioner, an open shift
/// assigned then released) is queued again: a cancelled row was never sent, so this cannot send twice. Run every minute
/// by Hangfire and right after the writes that declare IPlansNotifications (bookings, shifts, teleconsultations, their
/// cancellations); features never call it.
/// Side effects: notifications inserted, queued again or cancelled; no audit; triggers: none
/// (notifications_once, a unique constraint, keeps one row per kind, subject, recipient and time).
/// </summary>
public static class PlanNotifications
{
    /// <summary>Everything (the minute's run), or only what some subjects call for (right after they were written).</summary>
    public sealed record Command(Guid[]? SubjectIds = null) : IRequest<Planned>;

    public sealed record Planned(int Queued, int Cancelled);

    // The subjects' filter, or none for the minute's run: two whole statements, not one with
    // "@SubjectIds IS NULL OR …", whose generic plan (the prepared statement's, after five runs) cannot use
    // the subject's key and read the whole agenda for every batch of bookings (docs/PERFORMANCE.md).
    private static string SubjectFilter(bool forSubjects, string alias) => forSubjects ? $"{alias}.subject_id = ANY(@SubjectIds)" : "TRUE";

    // Inserts only a plan's own strings: each a const of NotificationPlans (its family, its subject kind, its SELECT), never a value of a row.
    public static string InsertSql(NotificationPlan plan, bool forSubjects = false) => $"""
        INSERT INTO notifications (id, kind, subject_kind, subject_id, subject_at, recipient, channel, due_at, not_before, created_at)
        SELECT gen_random_uuid(), w.kind, w.subject_kind, w.subject_id, w.subject_at, w.recipient, w.channel, w.due_at, w.due_at, @Now
        FROM ({plan.Wanted}) w
        WHERE {SubjectFilter(forSubjects, "w")}
          -- Rows already there are skipped by an anti-join, not left to ON CONFLICT: a conflicting row is
          -- locked (and its page dirtied) even when the DO UPDATE's WHERE is false, which for the minute's
          -- run over a whole agenda cost ~8x more (docs/PERFORMANCE.md). ON CONFLICT stays for races and
          -- for cancelled rows wanted again.
          AND NOT EXISTS (
              SELECT 1 FROM notifications n
              WHERE n.kind = w.kind AND n.subject_id = w.subject_id AND n.recipient = w.recipient
                AND n.subject_at = w.subject_at AND n.status <> 'cancelled')
        ON CONFLICT ON CONSTRAINT notifications_once DO UPDATE
            SET status = 'queued', cancelled_at = NULL, due_at = EXCLUDED.due_at, not_before = EXCLUDED.not_before,
                channel = EXCLUDED.channel, attempts = 0, claimed_at = NULL, enqueued_at = NULL, last_error = NULL
            WHERE notifications.status = 'cancelled'
        """;

    // Inserts only a plan's own strings: each a const of NotificationPlans (its family, its subject kind, its SELECT), never a value of a row.
    public static string CancelSql(NotificationPlan plan, bool forSubjects = false) => $"""
        UPDATE notifications n SET status = 'cancelled', cancelled_at = @Now
        WHERE n.status = 'queued' AND n.subject_kind = '{plan.SubjectKind}'
          AND {SubjectFilter(forSubjects, "n")}
          AND (n.kind = '{plan.Family}' OR n.kind LIKE '{plan.Family}-%')
          AND NOT EXISTS (
              SELECT 1 FROM ({plan.Wanted}) w
              WHERE w.kind = n.kind AND w.subject_id = n.subject_id AND w.recipient = n.recipient AND w.subject_at = n.subject_at)
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<Handler> logger)
        : IRequestHandler<Command, Planned>
    {
        public async ValueTask<Planned> Handle(Command command, CancellationToken ct)
        {
            var args = new DynamicParameters(NotificationPlans.Parameters(clock.GetUtcNow(), options.Value));
            var forSubjects = command.SubjectIds is not null;
            if (forSubjects) args.Add("SubjectIds", command.SubjectIds);
            await using var c = await db.OpenConnectionAsync(ct);
            var (queued, cancelled) = (0, 0);
            foreach (var plan in NotificationPlans.All)
            {
                cancelled += await c.ExecuteAsync(new CommandDefinition(CancelSql(plan, forSubjects), args, cancellationToken: ct));
                queued += await c.ExecuteAsync(new CommandDefinition(InsertSql(plan, forSubjects), args, cancellationToken: ct));
            }
            if (queued + cancelled > 0) logger.LogInformation("Notifications planned: {Queued} queued, {Cancelled} cancelled", queued, cancelled);
            return new Planned(queued, cancelled);
        }
    }
}
