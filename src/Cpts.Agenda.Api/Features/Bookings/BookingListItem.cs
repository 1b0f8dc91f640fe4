using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Bookings;

public sealed record BookingListItem(
    Guid Id, Guid SlotId, string Status, DateTimeOffset Start, DateTimeOffset End, string Channel, string Mode,
    PractitionerRef Practitioner, SiteRef? Site, PatientDto Patient, string? Reason, string? Outcome, bool? ReorientedToRegularDoctor,
    string BookedByRole, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);
