using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// After the appointment: attended or no-show, and whether a patient with a regular doctor was sent back to them.
/// Side effects: audit booking.outcome; trigger bookings_sas_events ("fulfilled" or "noshow" for a sas
/// booking).
/// </summary>
public static class RecordOutcome
{
    private const string What = "The booking";

    public sealed record Body([property: Required] [property: ValuesFrom(typeof(AppointmentEnd), nameof(AppointmentEnd.Statuses))] string? Status, bool? ReorientedToRegularDoctor);

    public sealed record Command(Caller Caller, Guid BookingId, Body Body) : IRequest<Result<BookingDto>>, IAudited<BookingDto>
    {
        public AuditAs Audited => new("booking.outcome", "booking");
        public string? AuditedObject(BookingDto? done) => BookingId.ToString();
    }

    private const string Record = $"UPDATE bookings SET {AppointmentEnd.OutcomeSet} WHERE {AppointmentEnd.OutcomeGuard}";

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<BookingDto>>
    {
        public async ValueTask<Result<BookingDto>> Handle(Command command, CancellationToken ct)
        {
            if (AppointmentEnd.CheckOutcomeStatus(command.Body.Status) is { } invalid) return invalid;
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var booking = await BookingRow.LoadAsync(c, command.BookingId, ct);
            if (booking is null) return Error.NotFound($"Booking {command.BookingId}");
            var caller = command.Caller;
            if (!caller.IsCoordinator && !caller.Owns(booking.PractitionerId))
                return Error.Forbidden("Only the slot's practitioner or the coordinator records the outcome.");
            var reoriented = AppointmentEnd.CheckOutcome(booking, command.Body.ReorientedToRegularDoctor, now, What);
            if (reoriented.Error is { } refused) return refused;

            var updated = await c.ExecuteAsync(new CommandDefinition(Record, new
            {
                Id = command.BookingId, command.Body.Status, Reoriented = reoriented.Value, Now = now,
            }, cancellationToken: ct));
            if (AppointmentEnd.AfterOutcome(updated, What) is { } lost) return lost;
            return (await BookingRow.LoadAsync(c, command.BookingId, ct))!.ToDto();
        }
    }
}
