using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// The booker, the slot's practitioner or the coordinator cancels; the slot is free again.
/// Side effects: audit booking.cancel, notification planning of the booking; triggers: slots_hold_commitment
/// (no change), bookings_sas_events ("cancelled" for a sas booking).
/// </summary>
public static class CancelBooking
{
    public sealed record Body(string? Reason);

    public sealed record Command(Caller Caller, Guid BookingId, Body? Body) : IRequest<Result<BookingDto>>, IAudited<BookingDto>, IPlansNotifications<BookingDto>
    {
        public AuditAs Audited => new("booking.cancel", "booking");
        public string? AuditedObject(BookingDto? done) => BookingId.ToString();
        public Guid NotificationSubject(BookingDto done) => BookingId;
    }

    private const string What = "The booking";

    private const string Cancel = $"""
        WITH cancelled AS (
            UPDATE bookings SET {AppointmentEnd.CancelSet}
            WHERE {AppointmentEnd.CancelGuard}
            RETURNING slot_id
        )
        UPDATE slots SET status = 'free', version = version + 1, updated_at = @Now
        WHERE id = (SELECT slot_id FROM cancelled) AND status = 'booked'
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<BookingDto>>
    {
        public async ValueTask<Result<BookingDto>> Handle(Command command, CancellationToken ct) =>
            (await AppointmentEnd.CancelAsync<BookingRow>(db, clock, command.Caller, command.BookingId, command.Body?.Reason, Cancel, What,
                "Only the booker, the slot's practitioner or the coordinator may cancel this booking.", ct)).Map(b => b.ToDto());
    }
}
