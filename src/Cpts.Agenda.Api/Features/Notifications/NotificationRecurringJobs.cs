using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The recurring jobs of the notifications (declared in NotificationsModule, registered at start by Infrastructure/Jobs.cs):
/// planning and dispatch every minute on the queue "housekeeping" (idempotent: one lost to a crash is simply the next
/// minute's run), the erasure of patient identities daily at 03:15. After each start, a dispatch right away.
/// </summary>
public sealed class NotificationRecurringJobs(IOptions<NotificationOptions> options, ILogger<NotificationRecurringJobs> logger) : IRecurringJobs
{
    // Constant ids: registering again at every start updates the job instead of adding one.
    public const string PlanId = "notifications-plan";
    public const string DispatchId = "notifications-dispatch";
    public const string ErasePatientIdentitiesId = "retention-erase-patient-identities";

    public void Register(IRecurringJobManager manager, RecurringJobOptions everyRun)
    {
        manager.AddOrUpdate<NotificationJobs>(PlanId, Jobs.HousekeepingQueue, j => j.PlanAsync(null, CancellationToken.None), Cron.Minutely(), everyRun);
        manager.AddOrUpdate<NotificationJobs>(DispatchId, Jobs.HousekeepingQueue, j => j.DispatchAsync(CancellationToken.None), Cron.Minutely(), everyRun);
        manager.AddOrUpdate<NotificationJobs>(ErasePatientIdentitiesId, j => j.ErasePatientIdentitiesAsync(CancellationToken.None), Cron.Daily(3, 15), everyRun);
    }

    /// <summary>
    /// A start is often a restart after a crash: notices queued meanwhile are dispatched now rather than at the
    /// next minute, and those the dead process had claimed once its claims have expired (ClaimTimeout), instead
    /// of up to a minute later. Both runs are the minute's dispatch run early: harmless if there is nothing to do.
    /// </summary>
    public void AfterStart(IBackgroundJobClient jobs)
    {
        try
        {
            jobs.Enqueue<NotificationJobs>(Jobs.HousekeepingQueue, j => j.DispatchAsync(CancellationToken.None));
            jobs.Schedule<NotificationJobs>(Jobs.HousekeepingQueue, j => j.DispatchAsync(CancellationToken.None),
                options.Value.ClaimTimeout + TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is NpgsqlException or DistributedLockTimeoutException or TimeoutException)
        {
            logger.LogWarning("Dispatch after start not enqueued ({Error}); the minute's dispatch will do it", e.GetType().Name);
        }
    }
}
