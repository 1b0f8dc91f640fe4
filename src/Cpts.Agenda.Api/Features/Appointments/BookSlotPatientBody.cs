using System.ComponentModel.DataAnnotations;

namespace Cpts.Agenda.Api.Features.Appointments;

/// <summary>
/// The patient of a new booking or teleconsultation, as the request body gives it (checked by
/// <see cref="PatientRules.Validate"/>). Named after the use case that first took it: its OpenAPI schema
/// name, BookSlotPatientBody, is part of the published contract.
/// </summary>
public sealed record BookSlotPatientBody([property: Required] string? FirstName, [property: Required] string? LastName, DateOnly? BirthDate, string? Phone, bool? HasRegularDoctor);
