using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Refreshes every URL calendar whose time has come. Claims them first (next_fetch_at pushed back,
/// FOR UPDATE SKIP LOCKED), so two instances never fetch the same calendar. This is what a
/// recurring job <see cref="CalendarJobs.RefreshDueAsync"/> runs every minute, as the system.
/// Side effects: busy_calendars claimed (next_fetch_at; last_error on an unexpected failure), then
/// <see cref="RefreshBusyCalendar"/> for each (its fetch and writes); no audit; triggers: none of its own,
/// those of RefreshBusyCalendar (slots_hold_commitment on withdrawals).
/// </summary>
public static class RefreshDueBusyCalendars
{
    public const int Batch = 20;

    public sealed record Command : IRequest<int>;

    private const string Claim = """
        UPDATE busy_calendars SET next_fetch_at = @Claimed
        WHERE id IN (SELECT id FROM busy_calendars
                     WHERE kind = 'url' AND next_fetch_at <= @Now
                     ORDER BY next_fetch_at
                     LIMIT @Batch
                     FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    public const string UnexpectedFailure = "The calendar could not be refreshed because of an unexpected error; it will be tried again.";

    private const string RecordFailure = "UPDATE busy_calendars SET last_error = @Problem WHERE id = @CalendarId";

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IMediator mediator, IOptions<CalendarOptions> options,
        ILogger<Handler> logger) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            List<Guid> due;
            await using (var c = await db.OpenConnectionAsync(ct))
            {
                due = (await c.QueryAsync<Guid>(new CommandDefinition(Claim, new
                {
                    Now = now, Claimed = now.AddMinutes(options.Value.RefreshMinutes), Batch,
                }, cancellationToken: ct))).ToList();
            }
            foreach (var id in due)
            {
                // One calendar's failure never stops the others claimed in this run.
                try
                {
                    await mediator.Send(new RefreshBusyCalendar.Command(id), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Busy calendar {CalendarId} could not be refreshed", id);
                    await RecordFailureAsync(id, ct);
                }
            }
            return due.Count;
        }

        private async Task RecordFailureAsync(Guid calendarId, CancellationToken ct)
        {
            try
            {
                await using var c = await db.OpenConnectionAsync(ct);
                await c.ExecuteAsync(new CommandDefinition(RecordFailure, new { CalendarId = calendarId, Problem = UnexpectedFailure }, cancellationToken: ct));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("The failure of busy calendar {CalendarId} could not be recorded: {Error}", calendarId, e.Message);
            }
        }
    }
}
