namespace Cpts.Agenda.Api.Features.Rooms;

/// <summary>A room's week in Paris local time: ISO weekdays (1 Monday … 7 Sunday) and minutes since midnight.</summary>
public static class RoomClock
{
    public static int IsoDay(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    /// <summary>The instant of a Paris local time given in minutes since midnight (1440 = the next midnight).</summary>
    public static DateTimeOffset Instant(DateOnly date, int minutes) => minutes >= 24 * 60
        ? Paris.ToInstant(date.AddDays(1), TimeOnly.MinValue)
        : Paris.ToInstant(date, new TimeOnly(minutes / 60, minutes % 60));
}
