namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Section <c>Agenda</c>: the settings of the agenda itself that more than one feature reads. The section's other
/// keys have options of their own (Agenda:PublicBaseUrl: PublicUrlOptions; Agenda:Calendars, Agenda:Jobs, …).
/// Bound once by the platform wiring.
/// </summary>
public sealed class AgendaOptions
{
    public const string Section = "Agenda";

    /// <summary>
    /// Agenda:PublicationHorizonDays — how many days ahead a slot may start (30). Read by the slot rules when
    /// slots are published (PublishSlots), by busy calendars, which are expanded up to this horizon plus a day
    /// (BusyHorizon: AddBusyCalendar, RefreshBusyCalendar), and by room feeds, which list weekly reservations up
    /// to it (ReservationsFeedSource).
    /// </summary>
    public int PublicationHorizonDays { get; set; } = 30;
}
