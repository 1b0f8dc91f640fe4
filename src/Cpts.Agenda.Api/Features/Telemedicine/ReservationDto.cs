namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed record ReservationDto(Guid Id, Guid RoomId, int DayOfWeek, string Start, string End, string Holder, DateOnly From, DateOnly? To);
