using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>place: "cabinet" (in a room) or "home" (the patient's home or nursing home, no room).</summary>
public sealed record TeleconsultationDto(
    Guid Id, Guid? RoomId, Guid? SiteId, string Place, Guid NurseId, Guid DoctorId, DateTimeOffset Start, DateTimeOffset End,
    string? Holder, [property: ValuesFrom(typeof(ListTeleconsultations), nameof(ListTeleconsultations.Statuses))] string Status, PatientDto Patient, string? Reason, string? Outcome, bool? ReorientedToRegularDoctor,
    DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, PractitionerRef? Nurse = null, PractitionerRef? Doctor = null, SiteRef? Site = null);
