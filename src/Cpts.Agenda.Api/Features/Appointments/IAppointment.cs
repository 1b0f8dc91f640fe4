namespace Cpts.Agenda.Api.Features.Appointments;

/// <summary>What a booking and a teleconsultation store of their end.</summary>
public interface IAppointment
{
    string Status { get; }
    string? Outcome { get; }
    DateTimeOffset StartsAt { get; }
    bool PatientHasRegularDoctor { get; }
}
