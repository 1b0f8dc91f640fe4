using System.Security.Claims;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>The routes of SNP slots: method, path, handler, roles, summary.</summary>
public static class SlotsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/slots").WithTags("Slots").RequireAuthorization();
        var owners = new[] { Roles.Practitioner, Roles.Coordinator };

        group.MapPost("/", async (PublishSlots.SlotBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new PublishSlots.Command(Caller.From(user), [body], IsBatch: false), ct))
                    .Map(slots => slots[0]).ToCreated(s => $"/api/slots/{s.Id}"))
            .RequireAuthorization(p => p.RequireRole(owners))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Publishes one slot of a practitioner (all or nothing, never overlapping another commitment).");

        group.MapPost("/batch", async (PublishSlots.BatchBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new PublishSlots.Command(Caller.From(user), body.Slots ?? [], IsBatch: true), ct))
                    .Map(slots => new PublishSlots.Published(slots)).ToCreated(_ => "/api/slots"))
            .RequireAuthorization(p => p.RequireRole(owners))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Publishes a batch of slots: all or none.");

        group.MapGet("/", async (Guid? practitionerId, string? from, string? to, string? status, int? limit, string? cursor,
                    ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListSlots.Query(Caller.From(user), practitionerId, from, to, status, limit, cursor), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(owners))
            .WithName("ListSlots")
            .WithSummary("A practitioner's slots (their own; the coordinator's any) starting in [from, to), soonest first, booked ones with their booking.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/series", async (PublishSeries.Body body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new PublishSeries.Command(Caller.From(user), body), ct))
                    .Map(slots => new PublishSlots.Published(slots)).ToCreated(_ => "/api/slots"))
            .RequireAuthorization(p => p.RequireRole(owners))
            .WithName("PublishSlotSeries")
            .WithSummary("Publishes a series (start–end cut into slots of slotMinutes) on firstDay, repeated on weekdays for weeks: all or nothing, a clash named per slot.");

        app.MapGet("/api/practitioners/{practitionerId:guid}/agenda", async (Guid practitionerId, string? from, string? to,
                    ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetAgenda.Query(Caller.From(user), practitionerId, from, to), ct)).ToOk())
            .WithTags("Slots")
            .RequireAuthorization(p => p.RequireRole(owners))
            .WithName("GetPractitionerAgenda")
            .WithSummary("Everything that holds a practitioner's time in [from, to) (default a week, at most 31 days): slots with bookings, shifts, teleconsultations as doctor, busy times.");

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetSlot.Query(Caller.From(user), id), ct)).ToOk())
            .WithSummary("One slot.");

        group.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new WithdrawSlot.Command(Caller.From(user), id), ct)).ToNoContent())
            .RequireAuthorization(p => p.RequireRole(owners))
            .WithSummary("Withdraws a free slot (a booked one must be cancelled first).");

        return app;
    }
}
