using System.Security.Claims;
using System.Text;
using Cpts.Agenda.Api.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cpts.Agenda.Api.Features.Calendars;

public static class CalendarsEndpoints
{
    public const string BusyTimeConstraint = BusyTimeClash.Constraint;

    /// <summary>
    /// Services of the calendars feature. Feed sources are registered here: a new kind of item in
    /// feeds is one more AddSingleton&lt;IFeedSource, …&gt;(). URL calendars are refreshed by the
    /// recurring job <see cref="Jobs.RefreshBusyCalendars"/> (Infrastructure/Jobs.cs).
    /// </summary>
    public static WebApplicationBuilder AddCalendars(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CalendarOptions>().Bind(builder.Configuration.GetSection("Agenda:Calendars")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptions.Validator>();
        builder.Services.AddSingleton<FeedBodyCache>();
        builder.Services.AddSingleton<IFeedSource, SlotsFeedSource>();
        builder.Services.AddSingleton<IFeedSource, ShiftsFeedSource>();
        builder.Services.AddSingleton<IFeedSource, TeleconsultationsFeedSource>();
        builder.Services.AddSingleton<IFeedSource, ReservationsFeedSource>();
        builder.Services.AddScoped<CalendarJobs>();
        builder.Services.AddHttpClient<ICalendarFetcher, HttpCalendarFetcher>(HttpCalendarFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => HttpCalendarFetcher.CreateHandler(sp.GetRequiredService<IOptions<CalendarOptions>>()))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // the fetcher applies its own limit to the whole exchange
            .RemoveAllLoggers(); // the factory's loggers write the URL (the owner's secret) and stack traces of refused addresses
        return builder;
    }

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var owners = new[] { Roles.Practitioner, Roles.Nurse, Roles.Coordinator };

        var feeds = app.MapGroup("/api/feeds").WithTags("Calendars").RequireAuthorization();
        feeds.MapPost("/", async (CreateFeed.Body body, ClaimsPrincipal user, HttpContext http, IMediator m, CancellationToken ct) =>
                (await m.Send(new CreateFeed.Command(Caller.From(user), body, FeedBaseUrl(http)), ct))
                    .Map(f => new { f.Id, f.Scope, scopeId = f.ScopeId, f.Url }).ToCreated(f => $"/api/feeds/{f.Id}"))
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
            {
                var headers = context.Request.GetTypedHeaders();
                var ifNoneMatch = context.Request.Headers.IfNoneMatch.SelectMany(h => (h ?? "").Split(','))
                    .Select(t => t.Trim()).Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t).Where(t => t.Length > 0).ToList();
                var result = await m.Send(new GetFeed.Query(token, ifNoneMatch, headers.IfModifiedSince), ct);
                if (result.Error is { } e) return (IResult)ResultHttp.ProblemOf(e);
                var feed = result.Value!;
                var response = context.Response.GetTypedHeaders();
                context.Response.Headers.ETag = feed.ETag;
                response.LastModified = feed.LastModified;
                context.Response.Headers.CacheControl = "private, no-cache";
                if (feed.NotModified) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                return TypedResults.Bytes(feed.Body!, "text/calendar; charset=utf-8");
            })
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
                await ReadBusyCalendarBodyAsync(request, ct) switch
                {
                    ({ } error, _, _) => (IResult)ResultHttp.ValidationOf(error),
                    (null, var url, var text) => await m.Send(new AddBusyCalendar.Command(Caller.From(user), practitionerId, url, text), ct) switch
                    {
                        { Value.AlreadyThere: true } again => again.ToOk(), // the same calendar sent again: imported again, still one
                        var added => added.ToCreated(c => $"/api/practitioners/{practitionerId}/busy-calendars/{c.Id}"),
                    },
                })
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

    /// <summary>Where feed URLs point: Agenda:Calendars:PublicBaseUrl, else the service's public URL (the API and the pages alike).</summary>
    public static string FeedBaseUrl(HttpContext http)
    {
        var services = http.RequestServices;
        return services.GetRequiredService<IOptions<CalendarOptions>>().Value.PublicBaseUrl
            ?? Hardening.PublicBaseUrl(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(), http.Request);
    }

    public sealed record AddBusyCalendarBody(string? Url);

    /// <summary>{url} as JSON, a multipart form with an .ics file, or a text/calendar body.</summary>
    private static async Task<(Error? Error, string? Url, string? Text)> ReadBusyCalendarBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<AddBusyCalendarBody>(ct);
            return (null, body?.Url, null);
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null) return (Error.Invalid("file", "The form holds no .ics file (field 'file')."), null, null);
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return (null, null, await reader.ReadToEndAsync(ct));
        }
        if (request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) &&
            (media.MediaType.Equals("text/calendar", StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return (null, null, await reader.ReadToEndAsync(ct));
        }
        return (Error.Invalid("body", "Send {\"url\": …} as JSON, an .ics file as multipart/form-data (field 'file'), or a text/calendar body."), null, null);
    }
}
