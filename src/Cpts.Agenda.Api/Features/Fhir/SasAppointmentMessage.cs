using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>One Appointment message for the SAS platform: POST for a new appointment, conditional PUT for its updates.</summary>
public sealed record SasAppointmentMessage(Guid BookingId, string Event, HttpMethod Method, string RelativeUrl, Appointment Appointment);
