namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>
/// A booking or teleconsultation row as retention leaves it: the patient's identity (erased after the
/// retention period) and what the indicators keep. Columns a table lacks stay at their default.
/// </summary>
public sealed record RetainedAppointment
{
    public string? PatientFirstName { get; init; }
    public string? PatientLastName { get; init; }
    public DateOnly? PatientBirthDate { get; init; }
    public string? PatientPhone { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? PatientErasedAt { get; init; }
    public string Channel { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Outcome { get; init; }
    public bool PatientHasRegularDoctor { get; init; }
    public Guid? SiteId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
}
