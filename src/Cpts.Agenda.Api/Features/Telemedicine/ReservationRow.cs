using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed class ReservationRow : WeeklyReservationRow
{
    public const string Columns = "id, room_id, day_of_week, start_minute, end_minute, holder, valid_from, valid_to";

    /// <summary>A room's reservations, @RoomId, in the order of the week.</summary>
    public const string OfRoomSql = $"SELECT {Columns} FROM room_reservations WHERE room_id = @RoomId ORDER BY day_of_week, start_minute, valid_from";

    public Guid RoomId { get; init; }

    public ReservationDto ToDto() => new(Id, RoomId, DayOfWeek, RoomRules.Clock(StartMinute), RoomRules.Clock(EndMinute), Holder, ValidFrom, ValidTo);
}
