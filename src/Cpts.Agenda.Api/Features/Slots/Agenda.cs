using Cpts.Agenda.Api.Features.Shifts;
using Cpts.Agenda.Api.Features.Telemedicine;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>Everything that holds a practitioner's time in [from, to), each kind soonest first.</summary>
public sealed record Agenda(
    Guid PractitionerId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SlotListItem> Slots, IReadOnlyList<ShiftDto> Shifts,
    IReadOnlyList<TeleconsultationDto> Teleconsultations, IReadOnlyList<BusyTime> BusyTimes);
