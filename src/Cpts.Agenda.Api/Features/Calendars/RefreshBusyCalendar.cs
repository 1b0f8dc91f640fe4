using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Fetches a URL calendar again (with its ETag) and replaces its busy times. A 304 keeps them,
/// unless the last full import is older than 12 hours: then the calendar is fetched in full so the
/// recurrences follow the moving horizon. A failure keeps the previous busy times and records the error.
/// </summary>
public static class RefreshBusyCalendar
{
    public static readonly TimeSpan FullImportEvery = TimeSpan.FromHours(12);

    public sealed record Command(Guid CalendarId) : IRequest<Result<RefreshOutcome>>;

    /// <summary>Status: imported, not-modified or failed.</summary>
    public sealed record RefreshOutcome(Guid CalendarId, string Status, string? Problem, ImportSummary? Import);

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, ICalendarFetcher fetcher,
        IOptions<AgendaOptions> agenda, IOptions<CalendarOptions> options, ILogger<Handler> logger) : IRequestHandler<Command, Result<RefreshOutcome>>
    {
        public async ValueTask<Result<RefreshOutcome>> Handle(Command command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var calendar = await c.QuerySingleOrDefaultAsync<CalendarRow>(new CommandDefinition(
                "SELECT id, practitioner_id, url, etag, imported_at FROM busy_calendars WHERE id = @CalendarId AND kind = 'url'",
                new { command.CalendarId }, cancellationToken: ct));
            if (calendar is null) return Error.NotFound($"URL calendar {command.CalendarId}");

            var now = clock.GetUtcNow();
            var fresh = calendar.ImportedAt is { } imported && now - imported < FullImportEvery;
            var result = await fetcher.FetchAsync(new Uri(calendar.Url), fresh ? calendar.ETag : null, ct);
            now = clock.GetUtcNow();
            var next = now.AddMinutes(options.Value.RefreshMinutes);

            switch (result)
            {
                case FetchResult.NotModified:
                    await c.ExecuteAsync(new CommandDefinition(
                        "UPDATE busy_calendars SET fetched_at = @Now, next_fetch_at = @Next, last_error = NULL WHERE id = @CalendarId",
                        new { command.CalendarId, Now = now, Next = next }, cancellationToken: ct));
                    return new RefreshOutcome(calendar.Id, "not-modified", null, null);

                case FetchResult.Fetched fetched:
                    var parsed = BusyCalendarParser.Parse(fetched.Text, now, BusyHorizon.End(now, agenda.Value));
                    if (!parsed.IsSuccess) return await FailedAsync(c, calendar.Id, parsed.Problem!, now, next, ct);
                    await using (var tx = await c.BeginTransactionAsync(ct))
                    {
                        var summary = await BusyTimesImporter.ReplaceAsync(c, tx, calendar.Id, calendar.PractitionerId, parsed.Intervals!, now, ct);
                        await c.ExecuteAsync(new CommandDefinition("""
                            UPDATE busy_calendars SET etag = @ETag, imported_at = @Now, fetched_at = @Now, next_fetch_at = @Next, last_error = NULL
                            WHERE id = @CalendarId
                            """, new { command.CalendarId, fetched.ETag, Now = now, Next = next }, tx, cancellationToken: ct));
                        await tx.CommitAsync(ct);
                        return new RefreshOutcome(calendar.Id, "imported", null, summary);
                    }

                case FetchResult.Failed failed:
                    return await FailedAsync(c, calendar.Id, failed.Problem, now, next, ct);

                default:
                    throw new InvalidOperationException("Unknown fetch result.");
            }
        }

        private async Task<RefreshOutcome> FailedAsync(NpgsqlConnection c, Guid calendarId, string problem, DateTimeOffset now, DateTimeOffset next, CancellationToken ct)
        {
            logger.LogInformation("Busy calendar {CalendarId} not refreshed: {Problem}", calendarId, problem);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE busy_calendars SET next_fetch_at = @Next, last_error = @Problem WHERE id = @CalendarId",
                new { CalendarId = calendarId, Next = next, Problem = problem }, cancellationToken: ct));
            return new RefreshOutcome(calendarId, "failed", problem, null);
        }
    }

    private sealed class CalendarRow
    {
        public Guid Id { get; init; }
        public Guid PractitionerId { get; init; }
        public string Url { get; init; } = "";
        public string? ETag { get; init; }
        public DateTimeOffset? ImportedAt { get; init; }
    }
}

/// <summary>
/// Refreshes every URL calendar whose time has come. Claims them first (next_fetch_at pushed back,
/// FOR UPDATE SKIP LOCKED), so two instances never fetch the same calendar. This is what a
/// recurring job <see cref="CalendarJobs.RefreshDueAsync"/> runs every minute.
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
