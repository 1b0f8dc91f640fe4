using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Fetches a URL calendar again (with its ETag) and replaces its busy times; sent by
/// <see cref="RefreshDueBusyCalendars"/> (the minute's job), never by a person. A 304 keeps them,
/// unless the last full import is older than 12 hours: then the calendar is fetched in full so the
/// recurrences follow the moving horizon. A failure keeps the previous busy times and records the error.
/// Side effects: an outbound HTTP GET of the calendar URL; writes busy_calendars (fetch times, etag, error),
/// replaces busy_times, withdraws the free slots a busy time overlaps and records practitioner_notices;
/// no audit; triggers: slots_hold_commitment (a withdrawn slot's commitments row is deleted).
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
