using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NodaTime;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Reads what real calendar exports (Google, Outlook, Apple) contain and answers the busy intervals
/// over a window: TZID times (IANA or Windows names; an unknown name such as Outlook's
/// "Customized Time Zone" is read as Paris), UTC times, floating times (Paris), all-day events
/// (whole Paris days), RRULE/RDATE with EXDATE and overridden instances (RECURRENCE-ID).
/// Transparent and cancelled events are not busy. All or nothing: a malformed file yields an error
/// and no interval. Pure: unit-tested.
/// </summary>
public static class BusyCalendarParser
{
    /// <summary>
    /// Ical.Net resolves TZIDs through one process-wide resolver. Unknown names (Outlook's
    /// "Customized Time Zone", "(UTC+01:00) Bruxelles, Copenhague, Madrid, Paris") are the agenda's
    /// zone rather than an error: the calendars read here are French practitioners'.
    /// </summary>
    static BusyCalendarParser() =>
        TimeZoneResolvers.TimeZoneResolver = tzId =>
            DefaultTimeZoneResolver.GetZone(tzId) ?? DateTimeZoneProviders.Tzdb.GetZoneOrNull(Paris.Zone.Id) ?? DateTimeZone.Utc;

    public const int MaxIntervals = 20_000;

    /// <summary>How far before the window recurrences are expanded, so a long event already under way is seen.</summary>
    private static readonly TimeSpan LookBehind = TimeSpan.FromDays(14);

    public sealed record Outcome(IReadOnlyList<BusyInterval>? Intervals, string? Problem)
    {
        public bool IsSuccess => Problem is null;
    }

    public static bool LooksLikeCalendar(string text)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return start.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase);
    }

    public static Outcome Parse(string text, DateTimeOffset from, DateTimeOffset to)
    {
        if (!LooksLikeCalendar(text)) return Fail("The file is not an iCalendar file (it does not start with BEGIN:VCALENDAR).");
        if (!text.Contains("END:VCALENDAR", StringComparison.OrdinalIgnoreCase)) return Fail("The iCalendar file is truncated (END:VCALENDAR is missing).");

        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail("The iCalendar file is malformed and could not be read.");
        }
        if (calendar is null) return Fail("The iCalendar file holds no calendar.");

        foreach (var e in calendar.Events)
        {
            if (e.DtStart is null) return Fail($"An event ({Describe(e)}) has no valid DTSTART.");
            if (e.DtEnd is { } end && end.HasTime != e.DtStart.HasTime) return Fail($"An event ({Describe(e)}) mixes a date and a date-time in DTSTART and DTEND.");
        }

        var intervals = new List<BusyInterval>();
        try
        {
            var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = 1000 };
            var startTime = new CalDateTime(from.UtcDateTime - LookBehind, CalDateTime.UtcTzId, true);
            var endTime = new CalDateTime(to.UtcDateTime.AddDays(2), CalDateTime.UtcTzId, true);
            foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(startTime, options).TakeWhileBefore(endTime))
            {
                if (occurrence.Source is not CalendarEvent e || !IsBusy(e)) continue;
                var start = Instant(occurrence.Period.StartTime);
                var end = Instant(occurrence.Period.EffectiveEndTime ?? occurrence.Period.StartTime);
                if (end <= start || end <= from || start >= to) continue;
                intervals.Add(new BusyInterval(start, end));
                if (intervals.Count > MaxIntervals) return Fail($"The calendar holds more than {MaxIntervals} busy times over the horizon.");
            }
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return Fail("The iCalendar file has an event or a recurrence rule that cannot be read.");
        }
        return new Outcome(Merge(intervals), null);
    }

    /// <summary>Transparent (free) and cancelled events do not make anyone busy.</summary>
    public static bool IsBusy(CalendarEvent e) =>
        !string.Equals(e.Status, EventStatus.Cancelled, StringComparison.OrdinalIgnoreCase) &&
        !string.Equals(e.Transparency, TransparencyType.Transparent, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The instant of an iCalendar date or date-time: a date is the start of that Paris day; a
    /// floating time, or a TZID no time zone database knows, is Paris local time.
    /// </summary>
    public static DateTimeOffset Instant(CalDateTime t)
    {
        if (!t.HasTime) return Paris.ToInstant(t.Date, TimeOnly.MinValue);
        if (t.IsUtc) return new DateTimeOffset(DateTime.SpecifyKind(t.Value, DateTimeKind.Utc));
        if (t.IsFloating || DefaultTimeZoneResolver.GetZone(t.TzId!) is null) return Paris.ToInstant(t.Date, t.Time!.Value);
        return new DateTimeOffset(DateTime.SpecifyKind(t.AsUtc, DateTimeKind.Utc));
    }

    /// <summary>Sorted, overlapping or touching intervals joined: fewer rows, same busy time.</summary>
    public static IReadOnlyList<BusyInterval> Merge(IEnumerable<BusyInterval> intervals)
    {
        var merged = new List<BusyInterval>();
        foreach (var i in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && i.Start <= merged[^1].End)
            {
                if (i.End > merged[^1].End) merged[^1] = merged[^1] with { End = i.End };
            }
            else merged.Add(i);
        }
        return merged;
    }

    private static string Describe(CalendarEvent e) => e.Uid is { Length: > 0 and <= 100 } uid ? $"UID {uid}" : "without UID";

    private static Outcome Fail(string problem) => new(null, problem);
}
