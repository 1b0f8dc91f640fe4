using System.Globalization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// The one reader of the dates, instants and periods that enter the API: query strings, JSON bodies
/// and FHIR parameters all come through here. Anything outside [1900-01-01, 2199-12-31] (Paris) is
/// refused at the edge, so no value near the calendar's limits ever reaches <see cref="Paris"/> or
/// date arithmetic (adding a day to 9999-12-31 throws).
/// </summary>
public static class Dates
{
    /// <summary>The instant without its fraction of a second: what a bound written as text (<see cref="Paris.Format"/>) or an iCalendar time keeps.</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    /// <summary>The first and the last instant accepted: the Paris days of <see cref="Earliest"/> and <see cref="Latest"/>.</summary>
    public static readonly DateTimeOffset EarliestInstant = Paris.Day(Earliest).Start;
    public static readonly DateTimeOffset LatestInstant = Paris.Day(Latest).End;

    public const string RangeText = "between 1900-01-01 and 2199-12-31";
    public const string DateText = "a date (yyyy-MM-dd) " + RangeText;
    public const string InstantText = "an ISO 8601 instant (e.g. 2026-03-29T08:30:00+02:00) " + RangeText;
    public const string BoundText = "a Paris date (yyyy-MM-dd) or an ISO 8601 instant " + RangeText;

    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool InRange(DateTimeOffset instant) => instant >= EarliestInstant && instant < LatestInstant;

    /// <summary>A day, yyyy-MM-dd, within the range; null otherwise.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && InRange(d) ? d : null;

    /// <summary>
    /// ISO 8601 with an offset or Z; without one, the time is read as Paris local time. A '+' of the
    /// offset read back as a space (unencoded query strings) is taken for a '+'. Null when malformed or out of range.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string? text)
    {
        if (text is null) return null;
        text = text.Trim().Replace(' ', '+');
        if (!text.Contains('T')) return null;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') ||
            (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto) && InRange(dto)
                ? dto.ToUniversalTime() : null;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var date = DateOnly.FromDateTime(local);
        return InRange(date) ? Paris.ToInstant(date, TimeOnly.FromDateTime(local)) : null;
    }

    /// <summary>
    /// A bound of a period: an instant, or a Paris date standing for the start of its day (as a start)
    /// or the end of its day (as an end: the day is included). Null when malformed or out of range.
    /// </summary>
    public static DateTimeOffset? ParseBound(string? text, bool isEnd)
    {
        if (ParseDate(text) is { } date) return isEnd ? Paris.Day(date).End : Paris.Day(date).Start;
        return ParseInstant(text);
    }

    /// <summary>A date field of a query: null when absent; an error naming the field when it is not a date in range.</summary>
    public static DateOnly? Date(this Validation v, string? text, string field)
    {
        if (text is null) return null;
        var date = ParseDate(text);
        v.Check(date is not null, field, $"{field} must be {DateText}.");
        return date;
    }

    /// <summary>
    /// The period [from, to) of a query, the same way on every route that asks for one: each bound a
    /// Paris date (from: the start of its day; to: the end of its day, included) or an instant.
    /// Absent bounds take the route's defaults; the period is checked to be non-empty and, when the route says so, at most maxLength long.
    /// </summary>
    public static Period? Period(this Validation v, string? from, string? to, DateTimeOffset defaultFrom,
        Func<DateTimeOffset, DateTimeOffset> defaultTo, TimeSpan? maxLength = null)
    {
        var start = from is null ? defaultFrom : ParseBound(from, isEnd: false);
        var end = to is null ? (start is { } s ? defaultTo(s) : null) : ParseBound(to, isEnd: true);
        v.Check(start is not null, "from", $"from must be {BoundText}.");
        v.Check(to is null || end is not null, "to", $"to must be {BoundText}.");
        if (start is null || end is null) return null;
        v.Check(end > start, "to", "to must be after from.");
        // The longest period plus one hour: a period of whole Paris days may include a 25-hour day.
        if (maxLength is { } max) v.Check(end - start <= max + TimeSpan.FromHours(1), "to", $"The period covers at most {Describe(max)}.");
        return end > start ? new Period(start.Value, end.Value) : null;
    }

    /// <summary>
    /// The window [from, to) of a list by start time (shifts, slots, bookings): read like every <see cref="Period"/>;
    /// from defaults to the start of today (Paris), to to no end.
    /// </summary>
    public static Period? ListWindow(this Validation v, string? from, string? to, DateTimeOffset now) =>
        v.Period(from, to, Paris.Day(Paris.LocalDate(now)).Start, _ => LatestInstant);

    private static string Describe(TimeSpan length) =>
        length.TotalDays >= 1 ? $"{length.TotalDays:0} days" : $"{length.TotalHours:0} hours";
}
