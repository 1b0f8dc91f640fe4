using Hangfire;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The dispatcher, run by the minute's Hangfire jobs (and after each planning run), never by a person: one
/// Hangfire job per <see cref="SendBatch"/> due notifications, carrying only their ids;
/// the job sends them one after the other, each claimed on its own. A row is marked enqueued so the next
/// run does not enqueue it again while its job waits; a row whose job was lost (process killed between the
/// mark and the enqueue, or while sending) is enqueued again once its mark or claim is older than
/// ClaimTimeout. Extra jobs are harmless: only one claim succeeds. Paced sends (SendPacer) are fed at most
/// two minutes ahead: a backlog stays in the table instead of piling up as Hangfire jobs. A job per
/// notification cost the service more CPU in Hangfire's bookkeeping than in the sending itself
/// (about 9 ms a notice against 2 ms in jobs of 25, docs/PERFORMANCE.md).
/// Side effects: notifications.enqueued_at set; Hangfire jobs NotificationJobs.SendManyAsync enqueued (queue
/// sends); no audit; triggers: none.
/// </summary>
public static class DispatchDueNotifications
{
    /// <param name="Batch">Rows marked per statement; a run marks batch after batch up to the cap.</param>
    /// <param name="InFlightCap">Rows enqueued and not yet sent, at most; by default two minutes of this
    /// instance's pace (SendsPerSecond × 120), unbounded when sends are not paced.</param>
    public sealed record Command(int Batch = 500, int? InFlightCap = null) : IRequest<int>;

    /// <summary>Notifications per send job.</summary>
    public const int SendBatch = 25;

    // Rows already enqueued whose job has not run yet (nor been lost) count against the cap.
    // "id = ANY(ARRAY(…))", not "id IN (…)": the planner cannot estimate a LIMIT computed at run time and
    // joined the batch to a full scan of notifications (~100 ms with a backlog); an array is looked up by key.
    private const string Mark = """
        UPDATE notifications SET enqueued_at = @Now
        WHERE id = ANY(ARRAY(
            SELECT id FROM notifications
            WHERE ((status = 'queued' AND not_before <= @Now) OR (status = 'sending' AND claimed_at < @StaleBefore))
              AND (enqueued_at IS NULL OR enqueued_at < @StaleBefore OR enqueued_at < not_before)
            ORDER BY not_before
            LIMIT greatest(0, least(@Batch, @InFlightCap - (
                SELECT count(*) FROM notifications
                WHERE status = 'queued' AND not_before <= @Now AND enqueued_at >= @StaleBefore AND enqueued_at >= not_before)))
            FOR UPDATE SKIP LOCKED))
        RETURNING id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IOptions<NotificationOptions> options, IBackgroundJobClient jobs)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var args = new { Now = now, StaleBefore = now - options.Value.ClaimTimeout, command.Batch, InFlightCap = command.InFlightCap ?? DefaultCap(options.Value) };
            await using var c = await db.OpenConnectionAsync(ct);
            // Batch after batch until the cap: a backlog (after a crash, a booking storm) is fed at the pace the
            // senders can keep, not at one batch per run of the minute's job.
            var total = 0;
            List<Guid> ids;
            do
            {
                ids = (await c.QueryAsync<Guid>(new CommandDefinition(Mark, args, cancellationToken: ct))).ToList();
                foreach (var chunk in ids.Chunk(SendBatch)) jobs.Enqueue<NotificationJobs>(j => j.SendManyAsync(chunk, CancellationToken.None));
                total += ids.Count;
            }
            while (ids.Count == command.Batch);
            return total;
        }

        private static int DefaultCap(NotificationOptions o) => o.SendsPerSecond > 0 ? o.SendsPerSecond * 120 : int.MaxValue;
    }
}
