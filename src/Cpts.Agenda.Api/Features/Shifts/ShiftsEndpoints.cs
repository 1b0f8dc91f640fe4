using System.Security.Claims;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>The routes of MMG on-call shifts and their swaps: method, path, handler, roles, summary.</summary>
public static class ShiftsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var shifts = app.MapGroup("/api/shifts").WithTags("Shifts").RequireAuthorization();
        var swaps = app.MapGroup("/api/swap-requests").WithTags("Shifts").RequireAuthorization(p => p.RequireRole(Roles.Practitioner));

        app.MapPost("/api/sites/{siteId:guid}/shifts/generate", async (Guid siteId, GenerateShifts.Body body, IMediator m, CancellationToken ct) =>
                (await m.Send(new GenerateShifts.Command(siteId, body), ct)).ToCreated(g => g.Location))
            .WithTags("Shifts")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator))
            .WithSummary("Generates the open shifts of an MMG site for a period from its template.");

        shifts.MapGet("/", async (Guid? siteId, string? from, string? to, [ValuesFrom(typeof(ListShifts), nameof(ListShifts.Statuses))] string? status, [ValuesFrom(typeof(Directory.Professions), nameof(Directory.Professions.All))] string? profession, Guid? assigneeId,
                    int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            (await m.Send(new ListShifts.Query(siteId, from, to, status, profession, assigneeId, limit, cursor), ct)).ToOk())
            .WithSummary("Shifts by site, period, status, profession or assignee.");

        shifts.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            (await m.Send(new ListShifts.One(id), ct)).ToOk())
            .WithSummary("One shift.");

        shifts.MapGet("/coverage", async (Guid? siteId, string? from, string? to, [ValuesFrom(typeof(Directory.Professions), nameof(Directory.Professions.All))] string? profession, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetCoverage.Query(siteId, from, to, profession), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator, Roles.Secretary))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("How many shifts of a site and period are assigned, and the open ones.");

        shifts.MapGet("/roster", async (string? date, int? days, IMediator m, CancellationToken ct) =>
                (await m.Send(new DayRoster.Query(date, days), ct)).Map(d => new DayRoster.Roster(d)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator, Roles.Secretary))
            .WithSummary("The day's roster of every MMG site (date, default today; days, default 2): who is on duty with their phone, open shifts.");

        shifts.MapPost("/{id:guid}/volunteer", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new VolunteerForShift.Command(Caller.From(user), id), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Practitioner))
            .WithSummary("The calling practitioner takes an open shift.");

        shifts.MapPost("/{id:guid}/assign", async (Guid id, AssignShift.Body body, IMediator m, CancellationToken ct) =>
                (await m.Send(new AssignShift.Command(id, body), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator))
            .WithSummary("The coordinator assigns a shift to a practitioner.");

        shifts.MapPost("/{id:guid}/release", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ReleaseShift.Command(Caller.From(user), id), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Practitioner, Roles.Coordinator))
            .WithSummary("Gives a shift back: it is open again.");

        shifts.MapPost("/{id:guid}/swap-requests", async (Guid id, RequestSwap.Body body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new RequestSwap.Command(Caller.From(user), id, body), ct)).ToCreated(s => $"/api/swap-requests/{s.Id}"))
            .RequireAuthorization(p => p.RequireRole(Roles.Practitioner))
            .WithSummary("The assignee asks another practitioner to take the shift.");

        app.MapGet("/api/swap-requests", async ([ValuesFrom(typeof(ListSwapRequests), nameof(ListSwapRequests.Statuses))] string? status, Guid? practitionerId, int? limit, string? cursor, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListSwapRequests.Query(Caller.From(user), status, practitionerId, limit, cursor), ct)).ToOk())
            .WithTags("Shifts")
            .RequireAuthorization(p => p.RequireRole(Roles.Practitioner, Roles.Coordinator))
            .WithSummary("Swap requests, by status or practitioner.");

        swaps.MapPost("/{id:guid}/accept", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new AcceptSwap.Command(Caller.From(user), id), ct)).ToOk())
            .WithSummary("The practitioner asked accepts the swap: the shift is theirs.");

        swaps.MapPost("/{id:guid}/decline", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new DeclineSwap.Command(Caller.From(user), id), ct)).ToOk())
            .WithSummary("The practitioner asked declines the swap.");

        return app;
    }
}
