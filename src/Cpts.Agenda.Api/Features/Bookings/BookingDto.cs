using Cpts.Agenda.Api.Features.Appointments;

namespace Cpts.Agenda.Api.Features.Bookings;

public sealed record BookingDto(
    Guid Id, Guid SlotId, Guid PractitionerId, DateTimeOffset Start, DateTimeOffset End, [property: ValuesFrom(typeof(BookSlot), nameof(BookSlot.Channels))] string Channel, string Status,
    PatientDto Patient, string? Reason, string? Outcome, bool? ReorientedToRegularDoctor, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);
