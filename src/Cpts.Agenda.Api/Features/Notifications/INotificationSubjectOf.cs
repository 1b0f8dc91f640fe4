namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// What <see cref="PlanNotificationsBehaviour{TMessage, TResponse}"/> asks of a request: the subject
/// (booking, shift, teleconsultation) whose notifications its answer changed, or none. Use cases
/// implement <see cref="IPlansNotifications{TValue}"/>, which answers this for them.
/// </summary>
public interface INotificationSubjectOf<in TResponse>
{
    Guid? SubjectOf(TResponse response);
}
