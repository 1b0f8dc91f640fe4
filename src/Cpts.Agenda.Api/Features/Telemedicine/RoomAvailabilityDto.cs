namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>items: the free grid cells; reserved: the partners' blocks of that day (kept out of items unless holder names them).</summary>
public sealed record RoomAvailabilityDto(Guid RoomId, DateOnly Date, int SlotMinutes, IReadOnlyList<FreeInterval> Items, IReadOnlyList<ReservedBlock> Reserved);
