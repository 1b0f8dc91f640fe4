namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The JSON body of POST …/busy-calendars, {url}: declared for the OpenAPI document, read by
/// <see cref="AddBusyCalendar.ReadAsync"/>. The document has always named its schema
/// CalendarsEndpointsAddBusyCalendarBody (from where it was first declared), and keeps that name.
/// </summary>
[OpenApiSchemaName("CalendarsEndpointsAddBusyCalendarBody")]
public sealed record AddBusyCalendarBody(string? Url);
