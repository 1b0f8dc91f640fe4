namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class BusyCalendarRaceTests(CalendarApp app, CalendarServer server) : IClassFixture<CalendarApp>, IClassFixture<CalendarServer>
{
    [Fact]
    public async Task Slots_published_while_a_calendar_is_imported_never_stay_on_a_busy_time()
    {
        var gp = await app.NewPractitionerAsync();
        var client = app.Practitioner(gp.Id);
        // 20-minute slots from 11:00Z to 14:00Z on 21 October; the Google calendar is busy 12:00–13:00Z.
        var publishes = Enumerable.Range(0, 9).Select(i =>
        {
            var start = new DateTimeOffset(2026, 10, 21, 11, 0, 0, TimeSpan.Zero).AddMinutes(20 * i);
            return client.PostJsonAsync("/api/slots", new
            {
                practitionerId = gp.Id, start = Http.Iso(start), end = Http.Iso(start.AddMinutes(20)), mode = "teleconsultation", visibility = "sas",
            });
        }).ToList();
        var import = client.PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", new { url = server.Url("/google.ics") });
        await Task.WhenAll([.. publishes, import]);

        Assert.Equal(HttpStatusCode.Created, (await import).StatusCode);
        Assert.All(await Task.WhenAll(publishes), p => Assert.Contains(p.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM slots s JOIN busy_times b ON b.practitioner_id = s.practitioner_id
                AND b.during && tstzrange(s.starts_at, s.ends_at, '[)')
            WHERE s.practitioner_id = @Id AND s.status <> 'withdrawn'
            """, new { gp.Id }));
        Assert.Equal(6L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id AND status = 'free'", new { gp.Id }));
    }
}
