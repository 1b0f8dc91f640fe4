using System.Globalization;
using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The rules of a telemedicine room: opening hours (Paris local, several intervals a day), the
/// booking grid, the patient's minimum age, the free grid cells of a day. Pure, unit-tested.
/// Every local time becomes an instant through Paris.ToInstant, so daylight-saving days are right.
/// </summary>
public static class RoomRules
{
    public const int DefaultMinutes = 30;
    public static readonly TimeSpan MinLength = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(8);
    public const int MaxDaysAhead = 365;

    private static readonly string[] DayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>"HH:mm" (or "24:00") as minutes since midnight; null when malformed.</summary>
    public static int? Minutes(string? hhmm)
    {
        if (hhmm == "24:00") return 24 * 60;
        return TimeOnly.TryParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.Hour * 60 + t.Minute
            : null;
    }

    public static string Clock(int minutes) => $"{minutes / 60:D2}:{minutes % 60:D2}";

    /// <summary>The room's opening intervals on a local date, as instants, soonest first.</summary>
    public static IReadOnlyList<Interval> OpeningOn(IReadOnlyList<OpeningInterval> hours, DateOnly date)
    {
        var day = RoomClock.IsoDay(date);
        var result = new List<Interval>();
        foreach (var h in hours)
        {
            if (h.DayOfWeek != day || Minutes(h.Start) is not { } s || Minutes(h.End) is not { } e || e <= s) continue;
            var interval = new Interval(RoomClock.Instant(date, s), RoomClock.Instant(date, e));
            // On the spring-forward night an interval inside 02:00-03:00 does not exist.
            if (interval.End > interval.Start) result.Add(interval);
        }
        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        return result;
    }

    /// <summary>Not in the past, not too far ahead, a sensible length; null when fine.</summary>
    public static string? TimingProblem(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        if (start < now) return "A teleconsultation cannot start in the past.";
        if (start > now.AddDays(MaxDaysAhead)) return $"Teleconsultations are booked at most {MaxDaysAhead} days ahead.";
        var length = end - start;
        if (length < MinLength || length > MaxLength)
            return $"A teleconsultation lasts between {MinLength.TotalMinutes:0} minutes and {MaxLength.TotalHours:0} hours.";
        return null;
    }

    /// <summary>
    /// Inside one of the room's opening intervals of that local day and on its grid: starting a whole
    /// number of slots after the interval opens, lasting a whole number of slots. Null when fine.
    /// </summary>
    public static string? PlacementProblem(IReadOnlyList<OpeningInterval> hours, int slotMinutes, DateTimeOffset start, DateTimeOffset end)
    {
        var date = Paris.LocalDate(start);
        var opening = OpeningOn(hours, date);
        var dayName = DayNames[RoomClock.IsoDay(date)];
        if (opening.Count == 0) return $"The room is closed on {dayName}s.";
        var interval = opening.FirstOrDefault(i => i.Start <= start && start < i.End);
        if (interval is null) return $"The room is closed at that time: on {dayName}s it is open {Describe(hours, RoomClock.IsoDay(date))}.";
        if (end > interval.End) return $"The teleconsultation must end by {Paris.ToLocal(interval.End):HH:mm}, when the room closes.";
        var offset = (start - interval.Start).TotalMinutes;
        if (offset % slotMinutes != 0)
            return $"Teleconsultations in this room start on its {slotMinutes}-minute grid, counted from {Paris.ToLocal(interval.Start):HH:mm}.";
        if ((end - start).TotalMinutes % slotMinutes != 0)
            return $"A teleconsultation in this room lasts a whole number of {slotMinutes}-minute slots.";
        return null;
    }

    private static string Describe(IReadOnlyList<OpeningInterval> hours, int day) => string.Join(", ", hours
        .Where(h => h.DayOfWeek == day && Minutes(h.Start) is not null && Minutes(h.End) is not null)
        .OrderBy(h => Minutes(h.Start))
        .Select(h => $"{h.Start}-{h.End}"));

    /// <summary>Age in whole years on a date (a birthday on 29 February counts on 1 March in other years).</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        if (on < AddYearsSafe(birthDate, age)) age--;
        return age;
    }

    private static DateOnly AddYearsSafe(DateOnly d, int years) =>
        d.Month == 2 && d.Day == 29 && !DateTime.IsLeapYear(d.Year + years) ? new DateOnly(d.Year + years, 3, 1) : d.AddYears(years);

    /// <summary>
    /// The free grid cells of a local day: each opening interval cut into slots from its start (a
    /// trailing piece shorter than a slot is not offered), less the cells that start before now or
    /// overlap a busy interval (teleconsultations, reserved blocks).
    /// </summary>
    public static IReadOnlyList<Interval> FreeCells(IReadOnlyList<OpeningInterval> hours, int slotMinutes, DateOnly date,
        IReadOnlyCollection<Interval> busy, DateTimeOffset now)
    {
        var cells = new List<Interval>();
        var step = TimeSpan.FromMinutes(slotMinutes);
        foreach (var open in OpeningOn(hours, date))
        {
            for (var start = open.Start; start + step <= open.End; start += step)
            {
                var end = start + step;
                if (start >= now && !busy.Any(b => b.Overlaps(start, end))) cells.Add(new Interval(start, end));
            }
        }
        return cells.Distinct().OrderBy(c => c.Start).ToList();
    }

    /// <summary>Partner names are compared trimmed and case-insensitively.</summary>
    public static bool SameHolder(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
