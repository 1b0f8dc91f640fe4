using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;

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
            var caller = command.Caller;
            var recorded = await AppointmentEnd.RecordOutcomeAsync<BookingRow>(db, clock, caller, command.BookingId,
                command.Body.Status, command.Body.ReorientedToRegularDoctor, Record, What,
                booking => caller.IsCoordinator || caller.Owns(booking.PractitionerId),
                "Only the slot's practitioner or the coordinator records the outcome.", ct);
            return recorded.Map(b => b.ToDto());
        }
    }
}
