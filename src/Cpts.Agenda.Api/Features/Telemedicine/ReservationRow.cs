using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed class ReservationRow : WeeklyReservationRow
{
    public const string Columns = "id, room_id, day_of_week, start_minute, end_minute, holder, valid_from, valid_to";

    public Guid RoomId { get; init; }

    public ReservationDto ToDto() => new(Id, RoomId, DayOfWeek, RoomRules.Clock(StartMinute), RoomRules.Clock(EndMinute), Holder, ValidFrom, ValidTo);
}
