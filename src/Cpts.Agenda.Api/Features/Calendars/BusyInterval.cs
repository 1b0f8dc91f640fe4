namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>A busy interval [Start, End) read from a practitioner's own calendar.</summary>
public readonly record struct BusyInterval(DateTimeOffset Start, DateTimeOffset End);
