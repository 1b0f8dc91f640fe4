using System.Globalization;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>A checked template: pure, unit-tested.</summary>
public sealed record ShiftTemplate(
    string Name, IReadOnlyList<ShiftPeriod> Weekday, IReadOnlyList<ShiftPeriod> Saturday, IReadOnlyList<ShiftPeriod> Sunday,
    (int Month, int Day)? SeasonFrom, (int Month, int Day)? SeasonTo)
{
    public bool InSeason(DateOnly date)
    {
        if (SeasonFrom is not { } from || SeasonTo is not { } to) return true;
        var d = (date.Month, date.Day);
        return Compare(from, to) <= 0
            ? Compare(d, from) >= 0 && Compare(d, to) <= 0
            : Compare(d, from) >= 0 || Compare(d, to) <= 0;
    }

    private static int Compare((int Month, int Day) a, (int Month, int Day) b) => a.Month != b.Month ? a.Month.CompareTo(b.Month) : a.Day.CompareTo(b.Day);

    /// <summary>Public holidays and Sundays use the Sunday periods; Saturdays theirs; other days the weekday ones.</summary>
    public IReadOnlyList<ShiftPeriod> PeriodsOf(DateOnly date)
    {
        if (!InSeason(date)) return [];
        if (date.DayOfWeek == DayOfWeek.Sunday || PublicHolidays.IsHoliday(date)) return Sunday;
        return date.DayOfWeek == DayOfWeek.Saturday ? Saturday : Weekday;
    }

    /// <summary>The shifts of the local days from..to (both included), soonest first, with their true (DST-aware) instants.</summary>
    public IReadOnlyList<PlannedShift> Expand(DateOnly from, DateOnly to)
    {
        var shifts = new List<PlannedShift>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            foreach (var p in PeriodsOf(date))
            {
                var start = Paris.ToInstant(date, p.Start);
                var end = Paris.ToInstant(p.EndsNextDay ? date.AddDays(1) : date, p.End);
                if (end > start) shifts.Add(new PlannedShift(date, p.Name, start, end));
            }
        }
        return shifts.OrderBy(s => s.Start).ToList();
    }

    /// <summary>Checks a configured template; the problems, or the template.</summary>
    public static (ShiftTemplate? Template, List<string> Problems) Compile(string name, ShiftOptions.TemplateConfig config)
    {
        var problems = new List<string>();
        var weekday = Periods(name, "Weekday", config.Weekday, problems);
        var saturday = Periods(name, "Saturday", config.Saturday, problems);
        var sunday = Periods(name, "Sunday", config.Sunday, problems);
        (int, int)? from = null, to = null;
        if (config.Season is { } season)
        {
            from = MonthDay(season.From);
            to = MonthDay(season.To);
            if (from is null || to is null) problems.Add($"Template '{name}': Season From and To must be \"MM-dd\" dates.");
        }
        if (weekday.Count + saturday.Count + sunday.Count == 0) problems.Add($"Template '{name}' has no period.");
        return problems.Count > 0 ? (null, problems) : (new ShiftTemplate(name, weekday, saturday, sunday, from, to), problems);
    }

    private static List<ShiftPeriod> Periods(string name, string day, List<ShiftOptions.PeriodConfig>? configs, List<string> problems)
    {
        var periods = new List<ShiftPeriod>();
        foreach (var (c, i) in (configs ?? []).Select((c, i) => (c, i)))
        {
            var at = $"Template '{name}' {day}[{i}]";
            var start = Time(c.Start, allow24: false);
            var end = Time(c.End, allow24: true);
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 50) problems.Add($"{at}: Name is required (at most 50 characters).");
            if (start is null) problems.Add($"{at}: Start must be \"HH:mm\".");
            if (end is null) problems.Add($"{at}: End must be \"HH:mm\" or \"24:00\".");
            if (start is { } s && end is { } e && c.Name is { } n) periods.Add(new ShiftPeriod(n.Trim(), s, e));
        }
        if (periods.Select(p => p.Start).Distinct().Count() != periods.Count) problems.Add($"Template '{name}' {day}: two periods start at the same time.");
        return periods;
    }

    public static TimeOnly? Time(string? text, bool allow24)
    {
        if (allow24 && text == "24:00") return TimeOnly.MinValue;
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
    }

    private static (int, int)? MonthDay(string? text) =>
        DateOnly.TryParseExact($"2000-{text}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d.Month, d.Day) : null;
}
