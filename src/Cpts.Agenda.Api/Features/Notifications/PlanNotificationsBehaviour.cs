namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// Mediator pipeline step for writes that change what should be notified (a booking or its
/// cancellation, a shift volunteered, assigned, released or swapped, a teleconsultation booked or
/// cancelled), declared by <see cref="IPlansNotifications{TValue}"/>: after a success, the subject is
/// handed to <see cref="PlanningBatcher"/>, which enqueues one planning run for the subjects written
/// within its window. Only an enqueue: the request never waits for planning or sending, and if the
/// enqueue fails the minute's run still plans it. Every door goes through it (API, pages, jobs, tests).
/// </summary>
public sealed class PlanNotificationsBehaviour<TMessage, TResponse>(PlanningBatcher batcher) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        // Only the written subject, batched with the others written meanwhile: a full planning run
        // per write would scan the whole agenda on the hot path.
        if (message is INotificationSubjectOf<TResponse> plans && plans.SubjectOf(response) is { } subject)
            batcher.Add(subject);
        return response;
    }
}
