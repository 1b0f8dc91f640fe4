namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

/// <summary>
/// The agenda on Monday 19 October 2026, 07:00 in Paris, the week before the change to winter time,
/// so the calendar fixtures (real exports' shapes, fixed dates) fall in the publication horizon.
/// Loopback calendar URLs are allowed (the fixture server).
/// </summary>
public sealed class CalendarApp : AgendaApp
{
    public static readonly DateTimeOffset Monday = new(2026, 10, 19, 5, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset StartTime => Monday;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:Calendars:AllowPrivateAddresses"] = "true",
    };
}
