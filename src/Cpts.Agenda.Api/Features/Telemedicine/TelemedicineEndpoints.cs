using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>The routes of telemedicine cabinets: rooms, reservations, teleconsultations: method, path, handler, roles, summary.</summary>
public static class TelemedicineEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Telemedicine");

        rooms.MapGet("/{roomId:guid}/availability", async (Guid roomId, string? date, string? holder, Guid? doctorId, Guid? nurseId, IMediator m, CancellationToken ct) =>
                (await m.Send(new RoomAvailability.Query(roomId, date, holder, doctorId, nurseId), ct)).ToOk())
            .WithSummary("The room's free grid cells of a day; with doctorId/nurseId, only those where that doctor and nurse are free too.")
            .RequireAuthorization(p => p.RequireRole(Roles.Nurse, Roles.Coordinator));

        rooms.MapPost("/{roomId:guid}/reservations", async (Guid roomId, ReserveRoom.Body body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ReserveRoom.Command(Caller.From(user), roomId, body), ct)).ToCreated(r => $"/api/rooms/{roomId}/reservations/{r.Id}"))
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator))
            .WithSummary("Reserves a weekly block of a room for a partner.");

        rooms.MapDelete("/{roomId:guid}/reservations/{id:guid}", async (Guid roomId, Guid id, IMediator m, CancellationToken ct) =>
                (await m.Send(new EndReservation.Command(roomId, id), ct)).ToNoContent())
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator))
            .WithSummary("Ends a weekly reservation of a room.");

        rooms.MapGet("/{roomId:guid}/reservations", async (Guid roomId, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListReservations.Query(roomId), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Nurse, Roles.Coordinator))
            .WithSummary("The weekly reservations of a room.");

        var teleconsultations = app.MapGroup("/api/teleconsultations").WithTags("Telemedicine").RequireAuthorization();

        teleconsultations.MapPost("/", async (BookTeleconsultation.Body body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                    ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new BookTeleconsultation.Command(Caller.From(user), body, idempotencyKey), ct)).ToCreated(t => $"/api/teleconsultations/{t.Id}"))
            .RequireAuthorization(p => p.RequireRole(Roles.Nurse, Roles.Coordinator))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Books a teleconsultation: a nurse with the patient, a remote doctor, in a room or at home.");

        teleconsultations.MapGet("/", async (string? date, Guid? nurseId, Guid? doctorId, Guid? siteId, Guid? roomId, [ValuesFrom(typeof(ListTeleconsultations), nameof(ListTeleconsultations.Statuses))] string? status, int? limit, string? cursor,
                    ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListTeleconsultations.Query(Caller.From(user), date, nurseId, doctorId, siteId, roomId, status, limit, cursor), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Nurse, Roles.Practitioner, Roles.Coordinator))
            .WithSummary("Teleconsultations by day, nurse, doctor, site, room or status.");

        teleconsultations.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetTeleconsultation.Query(Caller.From(user), id), ct)).ToOk())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("One teleconsultation, with its patient: for its nurse, doctor, booker and the coordinator.");

        teleconsultations.MapPost("/{id:guid}/cancel", async (Guid id, CancelTeleconsultation.Body? body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new CancelTeleconsultation.Command(Caller.From(user), id, body), ct)).ToOk())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Cancels a teleconsultation that has no outcome yet.");

        teleconsultations.MapPost("/{id:guid}/outcome", async (Guid id, RecordTeleconsultationOutcome.Body body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            (await m.Send(new RecordTeleconsultationOutcome.Command(Caller.From(user), id, body), ct)).ToOk())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Records whether the patient came (attended or no-show).");

        return app;
    }
}
