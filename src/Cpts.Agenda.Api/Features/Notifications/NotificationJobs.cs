using Hangfire;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The Hangfire jobs of the feature: small, given ids only, safe to run twice. Hangfire's own retries
/// are off: a failed send is retried by the notification's own schedule (attempts, not_before), and
/// a recurring job simply runs again next time.
/// </summary>
public sealed class NotificationJobs(IMediator mediator)
{
    /// <summary>
    /// Every minute for the whole agenda (subjectIds null), and right after writes (bookings, shifts,
    /// teleconsultations) for the subjects written only: plan, then dispatch what is due.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task PlanAsync(Guid[]? subjectIds, CancellationToken ct)
    {
        await mediator.Send(new PlanNotifications.Command(subjectIds), ct);
        await mediator.Send(new DispatchDueNotifications.Command(), ct);
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task DispatchAsync(CancellationToken ct) => await mediator.Send(new DispatchDueNotifications.Command(), ct);

    /// <summary>One notification (jobs enqueued before sends were batched still run through here).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task SendAsync(Guid notificationId, CancellationToken ct) => await mediator.Send(new SendNotification.Command(notificationId), ct);

    /// <summary>
    /// The dispatcher's batch (queue "sends"), one notification after the other, each at the instance's pace
    /// (SendPacer, once claimed); a failed delivery only reschedules its own notification. If the job itself fails (database gone) or is stopped,
    /// the notifications it did not reach keep their enqueued mark and the dispatcher enqueues them again
    /// after ClaimTimeout.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue(Jobs.SendsQueue)]
    public async Task SendManyAsync(Guid[] notificationIds, CancellationToken ct)
    {
        foreach (var id in notificationIds) await mediator.Send(new SendNotification.Command(id), ct);
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task ErasePatientIdentitiesAsync(CancellationToken ct) => await mediator.Send(new ErasePatientIdentities.Command(), ct);
}
