namespace Cpts.Agenda.Api.Features.Bookings;

public sealed record PatientDto(string? FirstName, string? LastName, DateOnly? BirthDate, string? Phone, bool HasRegularDoctor);
