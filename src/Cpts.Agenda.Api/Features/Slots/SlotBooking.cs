using Cpts.Agenda.Api.Features.Appointments;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>The booking of a booked slot, as its practitioner (or the coordinator) reads it in their agenda.</summary>
public sealed record SlotBooking(
    Guid Id, string Channel, DateTimeOffset BookedAt, string BookedByRole, PatientDto Patient, string? Reason,
    string? Outcome, bool? ReorientedToRegularDoctor);
