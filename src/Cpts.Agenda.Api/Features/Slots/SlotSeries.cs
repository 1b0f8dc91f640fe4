namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// A series of slots as a GP says it: "11:00–12:00 en créneaux de 20 min", on a first day, repeated
/// on chosen weekdays for a number of weeks. Paris wall-clock times, cut into instants here: pure,
/// unit-tested.
/// </summary>
public static class SlotSeries
{
    public const int MaxWeeks = 5;

    /// <param name="slotMinutes">the length of each slot; null: one slot from start to end.</param>
    /// <param name="weekdays">the days of each week the series repeats on; empty: the first day's weekday.</param>
    /// <returns>the slots soonest first; a last piece shorter than slotMinutes is left out.</returns>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Expand(
        DateOnly firstDay, TimeOnly start, TimeOnly end, int? slotMinutes, IReadOnlyCollection<DayOfWeek> weekdays, int weeks)
    {
        var days = weekdays.Count == 0 ? [firstDay.DayOfWeek] : weekdays;
        var slots = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var day = firstDay; day < firstDay.AddDays(7 * Math.Max(weeks, 1)); day = day.AddDays(1))
        {
            if (!days.Contains(day.DayOfWeek)) continue;
            var length = slotMinutes is { } m and > 0 ? TimeSpan.FromMinutes(m) : end - start;
            for (var from = start.ToTimeSpan(); length > TimeSpan.Zero && from + length <= end.ToTimeSpan(); from += length)
                slots.Add((Paris.ToInstant(day, TimeOnly.FromTimeSpan(from)), Paris.ToInstant(day, TimeOnly.FromTimeSpan(from + length))));
        }
        return slots;
    }
}
