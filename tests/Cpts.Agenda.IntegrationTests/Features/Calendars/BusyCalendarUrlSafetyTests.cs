namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

/// <summary>With the default settings, calendar URLs on loopback or private addresses are refused.</summary>
public sealed class BusyCalendarUrlSafetyTests(AgendaApp app, CalendarServer server) : IClassFixture<AgendaApp>, IClassFixture<CalendarServer>
{
    [Theory]
    [InlineData("loopback")]
    [InlineData("http://localhost:{port}/google.ics")]
    [InlineData("http://[::1]:{port}/google.ics")]
    [InlineData("http://10.1.2.3/cal.ics")]
    [InlineData("http://192.168.1.1/cal.ics")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/cal.ics")]
    public async Task Loopback_and_private_addresses_are_refused_by_default(string url)
    {
        var gp = await app.NewPractitionerAsync();
        var target = url == "loopback" ? server.Url("/google.ics") : url.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", new { url = target }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("private", problem.GetProperty("detail").GetString());
        Assert.Equal(0, server.Requests("/google.ics"));
    }
}
