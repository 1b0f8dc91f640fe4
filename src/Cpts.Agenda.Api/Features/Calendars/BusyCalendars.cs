using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>GET (a page: limit, cursor) and DELETE of a practitioner's busy calendars (owner or coordinator).</summary>
public static class BusyCalendars
{
    public sealed record List(Caller Caller, Guid PractitionerId, int? Limit = null, string? Cursor = null) : IRequest<Result<Page<BusyCalendarDto>>>;

    public sealed record Remove(Caller Caller, Guid PractitionerId, Guid CalendarId) : IRequest<Result<Done>>, IAudited<Done>
    {
        public AuditAs Audited => new("busy-calendar.remove", "busy-calendar", StatusCodes.Status204NoContent);
        public string? AuditedObject(Done? done) => CalendarId.ToString();
    }

    private const string Select = """
        SELECT c.id, c.practitioner_id, c.kind, c.url, c.created_at, c.imported_at, c.fetched_at, c.next_fetch_at, c.last_error,
               (SELECT count(*) FROM busy_times b WHERE b.calendar_id = c.id)::int AS busy_times
        FROM busy_calendars c
        WHERE c.practitioner_id = @PractitionerId
          AND (@AfterCreated::timestamptz IS NULL OR (c.created_at, c.id) > (@AfterCreated, @AfterId))
        ORDER BY c.created_at, c.id
        LIMIT @Take
        """;

    private static Error? Refuse(Caller caller, Guid practitionerId) =>
        caller.IsCoordinator || caller.Owns(practitionerId) ? null : Error.Forbidden("Only the practitioner or the coordinator sees and changes their busy calendars.");

    public sealed class ListHandler(NpgsqlDataSource db) : IRequestHandler<List, Result<Page<BusyCalendarDto>>>
    {
        public async ValueTask<Result<Page<BusyCalendarDto>>> Handle(List query, CancellationToken ct)
        {
            var v = new Validation();
            v.CheckLimit(query.Limit);
            var (afterCreated, afterId) = v.CheckInstantCursor(query.Cursor);
            if (v.Failed) return v.ToError();
            if (Refuse(query.Caller, query.PractitionerId) is { } refused) return refused;
            await using var c = await db.OpenConnectionAsync(ct);
            if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM practitioners WHERE id = @PractitionerId)", new { query.PractitionerId }, cancellationToken: ct)))
                return Error.NotFound($"Practitioner {query.PractitionerId}");
            var limit = Paging.Limit(query.Limit);
            var rows = (await c.QueryAsync<BusyCalendarDto>(new CommandDefinition(Select, new
            {
                query.PractitionerId, AfterCreated = afterCreated, AfterId = afterId, Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            return Paging.ToPage(rows, limit, b => $"{b.CreatedAt.UtcDateTime:O}|{b.Id}");
        }
    }

    /// <summary>Removing a calendar removes its busy times; slots withdrawn because of it stay withdrawn.</summary>
    public sealed class RemoveHandler(NpgsqlDataSource db) : IRequestHandler<Remove, Result<Done>>
    {
        public async ValueTask<Result<Done>> Handle(Remove command, CancellationToken ct)
        {
            if (Refuse(command.Caller, command.PractitionerId) is { } refused) return refused;
            await using var c = await db.OpenConnectionAsync(ct);
            var deleted = await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM busy_calendars WHERE id = @CalendarId AND practitioner_id = @PractitionerId",
                new { command.CalendarId, command.PractitionerId }, cancellationToken: ct));
            return deleted == 1 ? Done.Value : Error.NotFound($"Busy calendar {command.CalendarId}");
        }
    }
}
