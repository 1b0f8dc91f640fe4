using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Availability;

public sealed record AvailableSlot(Guid SlotId, DateTimeOffset Start, DateTimeOffset End, [property: ValuesFrom(typeof(Slots.SlotRules), nameof(Slots.SlotRules.Modes))] string Mode,
    PractitionerRef Practitioner, SiteRef? Site, double? DistanceKm);
