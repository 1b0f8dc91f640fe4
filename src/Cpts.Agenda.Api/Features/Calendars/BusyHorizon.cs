namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>How far busy times are expanded: the publication horizon, plus a day so the edge is always covered between fetches.</summary>
public static class BusyHorizon
{
    public static DateTimeOffset End(DateTimeOffset now, AgendaOptions agenda) => now.AddDays(agenda.PublicationHorizonDays + 1);
}
