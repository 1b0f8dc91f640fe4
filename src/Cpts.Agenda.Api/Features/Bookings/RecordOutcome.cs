using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>After the appointment: attended or no-show, and whether a patient with a regular doctor was sent back to them.</summary>
public static class RecordOutcome
{
    public static readonly string[] Statuses = ["attended", "no-show"];

    public sealed record Body([property: Required] [property: ValuesFrom(typeof(RecordOutcome), nameof(RecordOutcome.Statuses))] string? Status, bool? ReorientedToRegularDoctor);

    public sealed record Command(Caller Caller, Guid BookingId, Body Body) : IRequest<Result<BookingDto>>;

    private const string Record = """
        UPDATE bookings SET outcome = @Status, reoriented_to_regular_doctor = @Reoriented, outcome_at = @Now
        WHERE id = @Id AND status = 'active'
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<BookingDto>>
    {
        public async ValueTask<Result<BookingDto>> Handle(Command command, CancellationToken ct)
        {
            var v = new Validation().OneOf(command.Body.Status, "status", Statuses);
            if (v.Failed) return v.ToError();
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var booking = await BookingRow.LoadAsync(c, command.BookingId, ct);
            if (booking is null) return Error.NotFound($"Booking {command.BookingId}");
            var caller = command.Caller;
            if (!caller.IsCoordinator && !caller.Owns(booking.PractitionerId))
                return Error.Forbidden("Only the slot's practitioner or the coordinator records the outcome.");
            if (booking.Status != "active") return Error.Conflict("The booking was cancelled.");
            if (booking.StartsAt > now) return Error.Rule("The appointment has not started yet.");
            var reoriented = command.Body.ReorientedToRegularDoctor;
            if (reoriented == true && !booking.PatientHasRegularDoctor)
                return Error.Rule("The patient has no regular doctor to be re-oriented to.");

            await c.ExecuteAsync(new CommandDefinition(Record, new
            {
                Id = command.BookingId, command.Body.Status, Reoriented = reoriented ?? (booking.PatientHasRegularDoctor ? false : (bool?)null), Now = now,
            }, cancellationToken: ct));
            return (await BookingRow.LoadAsync(c, command.BookingId, ct))!.ToDto();
        }
    }
}
