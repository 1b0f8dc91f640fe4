namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// A use case after whose success the notifications of one subject are planned within seconds rather
/// than at the next minute's run, whichever door sent it (an API route, a page, a job, a test):
/// <code>
/// public sealed record Command(…) : IRequest&lt;Result&lt;SwapRequestDto&gt;&gt;, IPlansNotifications&lt;SwapRequestDto&gt;
/// {
///     public Guid NotificationSubject(SwapRequestDto done) =&gt; done.ShiftId;
/// }
/// </code>
/// </summary>
public interface IPlansNotifications<TValue> : INotificationSubjectOf<Result<TValue>>
{
    /// <summary>The booking, shift or teleconsultation whose notifications the write changed.</summary>
    Guid NotificationSubject(TValue done);

    Guid? INotificationSubjectOf<Result<TValue>>.SubjectOf(Result<TValue> response) =>
        response.Error is null ? NotificationSubject(response.Value!) : null;
}
