using System.Linq.Expressions;
using Cpts.Agenda.Api.Features.Notifications;
using Cpts.Agenda.IntegrationTests.Features.Notifications;
using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using NSubstitute;

namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class CrashedJobProcessTests(CrashedProcessApp app) : IClassFixture<CrashedProcessApp>
{
    private const string DeadServer = "killed-host:4242:0a0b0c";

    /// <summary>Generous: the lock lifetime here is 10 s; Hangfire.PostgreSql's default lifetime (10 min) is far beyond it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private sealed record Orphan(long Id, string Queue, DateTime FetchedAt, DateTime LockAcquired);

    private sealed record StateRow(string Name, DateTime CreatedAt, string Data);

    /// <summary>
    /// What a kill -9 in the middle of a state change leaves (issue of 2026-12-02, jobs 280 and 1027): the job
    /// 'Processing' on a server that no longer exists, its queue entry fetched by that server long enough ago to
    /// be fetched again, and the row of its state lock, taken just now.
    /// </summary>
    private async Task<Orphan> LeaveOrphanAsync(JobStorage storage, string queue, Expression<Func<NotificationJobs, Task>> call)
    {
        string id;
        using (var connection = storage.GetConnection())
            id = connection.CreateExpiredJob(Job.FromExpression(call), new Dictionary<string, string?>(), DateTime.UtcNow, TimeSpan.FromHours(1));
        var data = SerializationHelper.Serialize(new Dictionary<string, string>
        {
            ["StartedAt"] = JobHelper.SerializeDateTime(DateTime.UtcNow), ["ServerId"] = DeadServer, ["WorkerId"] = Guid.NewGuid().ToString(),
        });
        await using var c = await app.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var args = new { Id = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), Queue = queue, Data = data, Invisible = app.Services.GetRequiredService<JobsOptions>().InvisibilityTimeout };
        var fetchedAt = await c.ExecuteScalarAsync<DateTime>("""
            WITH s AS (INSERT INTO hangfire.state (jobid, name, reason, createdat, data)
                       VALUES (@Id, 'Processing', NULL, now(), @Data::jsonb) RETURNING id)
            UPDATE hangfire.job j SET stateid = s.id, statename = 'Processing', expireat = NULL FROM s WHERE j.id = @Id;
            INSERT INTO hangfire.jobqueue (jobid, queue, fetchedat) VALUES (@Id, @Queue, now() - @Invisible) RETURNING fetchedat;
            """, args, tx);
        var acquired = await c.ExecuteScalarAsync<DateTime>(
            "INSERT INTO hangfire.lock (resource, acquired) VALUES ('hangfire:job:' || @Id || ':state-lock', now()) RETURNING acquired", args, tx);
        await tx.CommitAsync();
        return new Orphan(args.Id, queue, fetchedAt.ToUniversalTime(), acquired.ToUniversalTime());
    }

    [Fact]
    public async Task A_start_dispatches_at_once_and_again_when_a_dead_process_claims_have_expired()
    {
        // A restart after a crash does not wait for the minute's dispatch: one run now (notices queued while the
        // service was down), one scheduled just after ClaimTimeout (notices the dead process had claimed).
        var claimTimeout = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value.ClaimTimeout;
        await NotificationsApp.WaitUntilAsync(async () =>
        {
            await using var c = await app.OpenAsync();
            var runs = (await c.QueryAsync<(string State, DateTime CreatedAt, DateTime? EnqueueAt)>("""
                SELECT j.statename, j.createdat,
                       (SELECT to_timestamp((s.data::jsonb ->> 'EnqueueAt')::bigint / 1000.0) AT TIME ZONE 'UTC'
                          FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Scheduled' LIMIT 1)
                FROM hangfire.job j
                WHERE j.invocationdata::text LIKE '%DispatchAsync%'
                  AND NOT EXISTS (SELECT 1 FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'RecurringJobId')
                """)).ToList();
            return runs.Count == 2
                && runs.Count(r => r.EnqueueAt is null) == 1
                && runs.Any(r => r.EnqueueAt is { } at && at - r.CreatedAt > claimTimeout);
        }, "a dispatch enqueued at start and one scheduled after the claim timeout", Bound);
    }

    [Fact]
    public async Task Jobs_and_state_locks_left_by_a_killed_process_hold_no_worker_beyond_the_lock_lifetime_and_notices_still_go_out()
    {
        var options = app.Services.GetRequiredService<JobsOptions>();
        Assert.Equal(CrashedProcessApp.LockLifetime, options.DistributedLockTimeout);
        var storage = app.Services.GetRequiredService<JobStorage>();

        // On every queue, as many orphans as the queue has workers: if a worker waited on a dead lock until
        // Hangfire.PostgreSql's default lifetime, every worker of the instance would be stuck for 10 minutes.
        var orphans = new List<Orphan>();
        for (var i = 0; i < options.WorkerCount; i++)
            orphans.Add(await LeaveOrphanAsync(storage, EnqueuedState.DefaultQueue, j => j.PlanAsync(null, CancellationToken.None)));
        for (var i = 0; i < options.HousekeepingWorkerCount; i++)
            orphans.Add(await LeaveOrphanAsync(storage, Jobs.HousekeepingQueue, j => j.DispatchAsync(CancellationToken.None)));
        for (var i = 0; i < options.SendWorkerCount; i++)
            orphans.Add(await LeaveOrphanAsync(storage, Jobs.SendsQueue, j => j.SendManyAsync(Array.Empty<Guid>(), CancellationToken.None)));

        // The running instance fetches them again (their invisibility is over): its workers now face the dead locks.
        await NotificationsApp.WaitUntilAsync(async () =>
        {
            await using var c = await app.OpenAsync();
            return await c.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM hangfire.jobqueue q JOIN unnest(@Ids, @FetchedAt) AS o(id, fetchedat)
                  ON q.jobid = o.id AND q.fetchedat = o.fetchedat
                """, new { Ids = orphans.Select(o => o.Id).ToArray(), FetchedAt = orphans.Select(o => o.FetchedAt).ToArray() }) == 0;
        }, "the orphaned jobs are fetched again", Bound);

        // A booking made now: planning (queue default), dispatch (housekeeping) and its send (sends) all need a worker.
        var gp = await app.NewPractitionerAsync(email: "after-crash@example.org");
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(30), siteId: (await app.NewSiteAsync()).Id);
        var bookingId = (await app.BookAsync(app.Regulator(), slotId)).GetProperty("id").GetGuid();
        NotificationRow? notice = null;
        await NotificationsApp.WaitUntilAsync(async () =>
            (notice = (await app.NotificationsOfAsync(bookingId)).SingleOrDefault(r => r.Kind == "booking-notice"))?.Status == "sent",
            "the booking notice is sent", Bound);
        Assert.Single(app.Email.ReceivedCalls(), call => call.GetArguments()[0] is EmailMessage m && m.IdempotencyKey == notice!.Id.ToString());

        // Every orphan ran to the end on the live server, which took its state lock over once the lock's lifetime
        // was over and not before: the dead process's lock row is gone, the new Processing state is later than it.
        await NotificationsApp.WaitUntilAsync(async () =>
        {
            await using var c = await app.OpenAsync();
            return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE id = ANY(@Ids) AND statename = 'Succeeded'",
                new { Ids = orphans.Select(o => o.Id).ToArray() }) == orphans.Count;
        }, "every orphaned job has succeeded", Bound);
        await using (var c = await app.OpenAsync())
        {
            foreach (var orphan in orphans)
            {
                var states = (await c.QueryAsync<StateRow>(
                    "SELECT name, createdat, data::text AS data FROM hangfire.state WHERE jobid = @Id ORDER BY id", new { orphan.Id })).ToList();
                var taken = states.Last(s => s.Name == "Processing");
                Assert.DoesNotContain(DeadServer, taken.Data, StringComparison.Ordinal);
                Assert.True(taken.CreatedAt.ToUniversalTime() >= orphan.LockAcquired + options.DistributedLockTimeout,
                    $"job {orphan.Id} ({orphan.Queue}) changed state at {taken.CreatedAt:O}, before its dead lock of {orphan.LockAcquired:O} had expired");
                Assert.Equal("Succeeded", states.Last().Name);
            }
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM hangfire.lock WHERE acquired = ANY(@Acquired)",
                new { Acquired = orphans.Select(o => o.LockAcquired).ToArray() }));
        }
    }
}
