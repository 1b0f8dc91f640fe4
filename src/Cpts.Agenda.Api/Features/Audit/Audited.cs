using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// Records an audit event after an endpoint answered: done (2xx) or refused (403). The object is
/// the route's id, or the id of what was created. Applied with <c>.Audited("booking.cancel", "booking")</c>.
/// The row is written after the use case committed, on its own connection; a failure to write it
/// is logged and answered as a 500, never silently dropped. A request answered by an Idempotency-Key
/// replay is recorded as <c>{objectKind}.replay</c>, not as a second create.
/// </summary>
public static class AuditedEndpoint
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string objectKind) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            var status = (inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            var outcome = status switch
            {
                >= 200 and < 300 => "done",
                StatusCodes.Status403Forbidden => "refused",
                _ => null,
            };
            if (outcome is null) return result;

            var http = context.HttpContext;
            var done = http.RequestServices.GetService<Idempotency.ReplayMarker>() is { Replayed: true } ? $"{objectKind}.replay" : action;
            await RecordAsync(http, done, objectKind, ObjectId(http, (inner as IValueHttpResult)?.Value), status, outcome);
            return result;
        });

    /// <summary>
    /// Writes one audit row for the caller of this request: the API's filter above and the pages
    /// (the other door to the same use cases) both record through here.
    /// </summary>
    public static async Task RecordAsync(HttpContext http, string action, string objectKind, string? objectId, int status, string outcome = "done")
    {
        var caller = Caller.From(http.User);
        var db = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        await using var c = await db.OpenConnectionAsync(http.RequestAborted);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_events (at, actor, actor_role, action, object_kind, object_id, outcome, status_code, ip)
            VALUES (@At, @Actor, @Role, @Action, @ObjectKind, @ObjectId, @Outcome, @Status, @Ip)
            """, new
        {
            At = clock.GetUtcNow(), Actor = caller.Subject, caller.Role, Action = action, ObjectKind = objectKind, ObjectId = objectId,
            Outcome = outcome, Status = status, Ip = http.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken: CancellationToken.None));
    }

    /// <summary>The object acted on: the route's own id, else what was created, else the filter or parent it names.</summary>
    private static string? ObjectId(HttpContext http, object? value)
    {
        var route = http.Request.RouteValues;
        string? Route(string name) => route.TryGetValue(name, out var v) ? v?.ToString() : null;
        string? Query(string name) => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;
        return Route("id") ?? Route("calendarId") ?? value?.GetType().GetProperty("Id")?.GetValue(value)?.ToString()
            ?? Query("bookingId") ?? Query("shiftId") ?? Query("practitionerId")
            ?? Route("siteId") ?? Route("roomId") ?? Route("practitionerId");
    }
}
