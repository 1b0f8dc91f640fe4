using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NodaTime;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>A busy interval [Start, End) read from a practitioner's own calendar.</summary>
public readonly record struct BusyInterval(DateTimeOffset Start, DateTimeOffset End);
