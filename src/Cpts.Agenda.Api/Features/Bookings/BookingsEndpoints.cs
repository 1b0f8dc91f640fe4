using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>The routes of bookings of slots: method, path, handler, roles, summary.</summary>
public static class BookingsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization();

        group.MapPost("/", async (BookSlot.Body body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                    ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new BookSlot.Command(Caller.From(user), body, idempotencyKey), ct)).ToCreated(b => $"/api/bookings/{b.Id}"))
            .RequireAuthorization(p => p.RequireRole(Roles.Regulator, Roles.Nurse, Roles.Practitioner, Roles.Coordinator))
            .RequireRateLimiting(RateLimits.Booking)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Books a free slot for a patient (Idempotency-Key replays the first answer).");

        group.MapGet("/", async (string? from, string? to, string? status, string? channel, int? limit, string? cursor,
                    ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListBookings.Query(Caller.From(user), from, to, status, channel, limit, cursor), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Regulator, Roles.Nurse, Roles.Practitioner, Roles.Coordinator))
            .WithName("ListBookings")
            .WithSummary("Bookings starting in [from, to), soonest first: the caller's own, a practitioner's also those on their slots, the coordinator's all.");

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetBooking.Query(Caller.From(user), id), ct)).ToOk())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("One booking, with its patient: for the booker, the slot's practitioner and the coordinator.");

        group.MapPost("/{id:guid}/cancel", async (Guid id, CancelBooking.Body? body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new CancelBooking.Command(Caller.From(user), id, body), ct)).ToOk())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Cancels a booking that has no outcome yet; the slot is free again.");

        group.MapPost("/{id:guid}/outcome", async (Guid id, RecordOutcome.Body body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new RecordOutcome.Command(Caller.From(user), id, body), ct)).ToOk())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Records whether the patient came (attended or no-show).");

        return app;
    }
}
