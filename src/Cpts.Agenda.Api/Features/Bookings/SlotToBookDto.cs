using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>A slot as the person booking it reads it: when, who, where, how to call, and whether it is still free.</summary>
public sealed record SlotToBookDto(Guid SlotId, DateTimeOffset Start, DateTimeOffset End, string Mode, string Profession, string Status,
    PractitionerRef Practitioner, SiteRef? Site, double? Latitude, double? Longitude)
{
    public bool IsFree(DateTimeOffset now) => Status == "free" && End > now;
}
