namespace Cpts.Agenda.Api.Features.Rooms;

/// <summary>A weekly block of a room reserved for a partner institution, in Paris local minutes since midnight.</summary>
public sealed record WeeklyReservation(int DayOfWeek, int StartMinute, int EndMinute, string Holder, DateOnly From, DateOnly? To)
{
    /// <summary>The block's instants on a local date, or null when it does not apply that day.</summary>
    public Interval? On(DateOnly date)
    {
        if (RoomClock.IsoDay(date) != DayOfWeek || date < From || (To is { } to && date > to)) return null;
        var interval = new Interval(RoomClock.Instant(date, StartMinute), RoomClock.Instant(date, EndMinute));
        return interval.End > interval.Start ? interval : null;
    }
}
