namespace Cpts.Agenda.Api.Features.Rooms;

/// <summary>The columns of a room_reservations row that make its rule: a weekday block for a partner over dates.</summary>
public abstract class WeeklyReservationRow
{
    public Guid Id { get; init; }
    public int DayOfWeek { get; init; }
    public int StartMinute { get; init; }
    public int EndMinute { get; init; }
    public string Holder { get; init; } = "";
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }

    public WeeklyReservation ToRule() => new(DayOfWeek, StartMinute, EndMinute, Holder, ValidFrom, ValidTo);
}
