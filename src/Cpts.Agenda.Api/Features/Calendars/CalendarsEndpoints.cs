using System.Security.Claims;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>The routes of the calendars feature: feeds, the feed itself, busy calendars.</summary>
public static class CalendarsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var owners = new[] { Roles.Practitioner, Roles.Nurse, Roles.Coordinator };

        var feeds = app.MapGroup("/api/feeds").WithTags("Calendars").RequireAuthorization();
        feeds.MapPost("/", async (CreateFeed.Body body, ClaimsPrincipal user, HttpContext http, IMediator m, CancellationToken ct) =>
                (await m.Send(new CreateFeed.Command(Caller.From(user), body, CreateFeed.BaseUrl(http)), ct))
                    .ToCreated(f => $"/api/feeds/{f.Id}"))
            .RequireAuthorization(p => p.RequireRole(owners))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A secret .ics subscription URL for a practitioner, a room or a site.");
        feeds.MapGet("/", async (int? limit, string? cursor, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListFeeds.Query(Caller.From(user), limit, cursor), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(owners))
            .WithName("ListFeeds")
            .WithSummary("The caller's feeds (the coordinator's: all), without their secret URL.");
        feeds.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new RevokeFeed.Command(Caller.From(user), id), ct)).ToNoContent())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Revokes a feed: its URL answers 404 from then on.");

        app.MapMethods("/ical/{token}.ics", [HttpMethods.Get, HttpMethods.Head], async (string token, HttpContext context, IMediator m, CancellationToken ct) =>
                GetFeed.Serve(context, await m.Send(GetFeed.From(token, context.Request), ct)))
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Feed)
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                AgendaOpenApi.DescribeParameter(operation, "token", "The feed's secret, from the url that POST /api/feeds answered: whoever has the URL reads the feed.");
                return Task.CompletedTask;
            })
            .WithTags("Calendars")
            .WithSummary("The feed itself (anyone with the URL): text/calendar, ETag, Last-Modified, 304.");

        var busy = app.MapGroup("/api/practitioners/{practitionerId:guid}/busy-calendars").WithTags("Calendars")
            .RequireAuthorization(p => p.RequireRole(owners));
        busy.MapPost("/", async (Guid practitionerId, HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                await AddBusyCalendar.ReadAndRunAsync(Caller.From(user), practitionerId, request, m, ct))
            .DisableAntiforgery()
            .Accepts<AddBusyCalendarBody>("application/json", "multipart/form-data", "text/calendar", "text/plain")
            .Produces<BusyCalendarDto>(StatusCodes.Status201Created)
            .Produces<BusyCalendarDto>(StatusCodes.Status200OK) // the same URL or file again: imported into the calendar it already made
            .AddOpenApiOperationTransformer(AgendaOpenApi.BusyCalendarBodies)
            .WithSummary("Imports a busy calendar: {url} (JSON, polled every 15 minutes) or an .ics (multipart 'file' or text/calendar body).");
        busy.MapGet("/", async (Guid practitionerId, int? limit, string? cursor, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new BusyCalendars.List(Caller.From(user), practitionerId, limit, cursor), ct)).ToOk())
            .WithSummary("The practitioner's busy calendars, paged.");
        busy.MapDelete("/{calendarId:guid}", async (Guid practitionerId, Guid calendarId, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new BusyCalendars.Remove(Caller.From(user), practitionerId, calendarId), ct)).ToNoContent())
            .WithSummary("Removes a busy calendar and the busy times it brought.");

        return app;
    }
}
