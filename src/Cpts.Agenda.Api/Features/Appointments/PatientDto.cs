namespace Cpts.Agenda.Api.Features.Appointments;

public sealed record PatientDto(string? FirstName, string? LastName, DateOnly? BirthDate, string? Phone, bool HasRegularDoctor);
