namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed record ReservationRow
{
    public const string Columns = "id, room_id, day_of_week, start_minute, end_minute, holder, valid_from, valid_to";

    public Guid Id { get; init; }
    public Guid RoomId { get; init; }
    public int DayOfWeek { get; init; }
    public int StartMinute { get; init; }
    public int EndMinute { get; init; }
    public string Holder { get; init; } = "";
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }

    public WeeklyReservation ToRule() => new(DayOfWeek, StartMinute, EndMinute, Holder, ValidFrom, ValidTo);

    public ReservationDto ToDto() => new(Id, RoomId, DayOfWeek, RoomRules.Clock(StartMinute), RoomRules.Clock(EndMinute), Holder, ValidFrom, ValidTo);
}
