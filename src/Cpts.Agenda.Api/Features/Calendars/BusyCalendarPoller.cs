using Mediator;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// In-process scheduler of <see cref="RefreshDueBusyCalendars"/>: every PollSeconds it refreshes
/// the URL calendars that are due (each every RefreshMinutes). Disabled with
/// Agenda:Calendars:Poll=false once a job scheduler runs the same command.
/// </summary>
public sealed class BusyCalendarPoller(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CalendarOptions> options, ILogger<BusyCalendarPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, options.Value.PollSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var refreshed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RefreshDueBusyCalendars.Command(), stoppingToken);
                if (refreshed > 0) logger.LogInformation("Refreshed {Count} busy calendars", refreshed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing busy calendars failed; next try at the next tick");
            }
        }
    }
}
