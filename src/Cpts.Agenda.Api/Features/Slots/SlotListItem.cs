using System.Text.Json.Serialization;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Slots;

public sealed record SlotListItem(
    Guid Id, PractitionerRef Practitioner, SiteRef? Site, DateTimeOffset Start, DateTimeOffset End, string Mode,
    string Visibility, string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SlotBooking? Booking);
