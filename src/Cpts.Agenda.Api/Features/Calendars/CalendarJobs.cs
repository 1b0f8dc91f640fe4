using Hangfire;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The Hangfire job of the feature (every minute, declared in CalendarRecurringJobs): refreshes
/// the URL busy calendars that are due, each every RefreshMinutes. Claiming is FOR UPDATE SKIP LOCKED,
/// so instances running it at the same minute never fetch a calendar twice. No Hangfire retries: a
/// failed fetch is recorded on the calendar and tried again at its next due time.
/// </summary>
public sealed class CalendarJobs(IMediator mediator, ILogger<CalendarJobs> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RefreshDueAsync(CancellationToken ct)
    {
        var refreshed = await mediator.Send(new RefreshDueBusyCalendars.Command(), ct);
        if (refreshed > 0) logger.LogInformation("Refreshed {Count} busy calendars", refreshed);
        return refreshed;
    }
}
