using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Directory;

public sealed record RoomDto(Guid Id, Guid SiteId, string Name, int SlotMinutes, int MinPatientAge, IReadOnlyList<OpeningInterval> OpeningHours);
