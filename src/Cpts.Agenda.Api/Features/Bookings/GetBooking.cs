using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// One booking with its patient, for the booker, the slot's practitioner and the coordinator; anyone
/// else is refused (403).
/// Side effects: audit booking.read (also when refused); triggers: none.
/// </summary>
public static class GetBooking
{
    public sealed record Query(Caller Caller, Guid BookingId) : IRequest<Result<BookingDto>>, IAudited<BookingDto>
    {
        public AuditAs Audited => new("booking.read", "booking");
        public string? AuditedObject(BookingDto? done) => BookingId.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<BookingDto>>
    {
        public async ValueTask<Result<BookingDto>> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var booking = await AppointmentEnd.LoadAsync<BookingRow>(c, query.BookingId, query.Caller,
                "Patient data of a booking is shown only to the booker, the slot's practitioner and the coordinator.", ct);
            return booking.Map(b => b.ToDto());
        }
    }
}
