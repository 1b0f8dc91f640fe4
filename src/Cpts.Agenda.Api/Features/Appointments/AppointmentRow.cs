using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Appointments;

/// <summary>
/// The columns a booking and a teleconsultation both store: times, status, the patient, the reason, who
/// booked, the outcome; and the site as people read it, when the read joins it (<see cref="SiteRef.Columns"/>).
/// </summary>
public abstract class AppointmentRow : SiteColumnsRow, IAppointment
{
    public Guid Id { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Status { get; init; } = "";
    public string? PatientFirstName { get; init; }
    public string? PatientLastName { get; init; }
    public DateOnly? PatientBirthDate { get; init; }
    public string? PatientPhone { get; init; }
    public bool PatientHasRegularDoctor { get; init; }
    public string? Reason { get; init; }
    public string BookedBy { get; init; } = "";
    public string? Outcome { get; init; }
    public bool? ReorientedToRegularDoctor { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }

    public PatientDto ToPatient() => new(PatientFirstName, PatientLastName, PatientBirthDate, PatientPhone, PatientHasRegularDoctor);
}
