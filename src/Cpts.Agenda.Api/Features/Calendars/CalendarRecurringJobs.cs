using Hangfire;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The recurring job of the calendars (declared in CalendarsModule, registered at start by Infrastructure/Jobs.cs):
/// every minute on the queue "housekeeping", the URL busy calendars that are due are refreshed (<see cref="CalendarJobs"/>).
/// </summary>
public sealed class CalendarRecurringJobs : IRecurringJobs
{
    /// <summary>Constant id: registering again at every start updates the job instead of adding one.</summary>
    public const string RefreshBusyId = "calendars-refresh-busy";

    public void Register(IRecurringJobManager manager, RecurringJobOptions everyRun) =>
        manager.AddOrUpdate<CalendarJobs>(RefreshBusyId, Jobs.HousekeepingQueue, j => j.RefreshDueAsync(CancellationToken.None), Cron.Minutely(), everyRun);
}
