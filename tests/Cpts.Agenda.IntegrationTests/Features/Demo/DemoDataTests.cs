using System.Text;
using Cpts.Agenda.IntegrationTests.Features.Shifts;
using Cpts.Agenda.IntegrationTests.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Cpts.Agenda.IntegrationTests.Features.Demo;

/// <summary>Restarts of the demo service on the same database, after people changed the seeded agenda.</summary>
public sealed class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly Guid Claire = Guid.Parse("00000000-0000-4000-8000-000000000001");

    /// <summary>Starts the service again on the same database (it seeds again) and returns the start-up line's slot counts.</summary>
    private (int Added, int Skipped) Restart()
    {
        var logs = new CapturingLoggerProvider();
        using (var restarted = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs))))
        {
            _ = restarted.Server;
        }
        var ready = Assert.Single(logs.Entries, e => e.Text.StartsWith("Demo CPTS ready", StringComparison.Ordinal));
        int Value(string name) => int.Parse(ready.Text.Split(" | ").Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);
        return (Value("Slots"), Value("Skipped"));
    }

    private Task<long> SlotsAsync() => app.ScalarAsync<long>("SELECT count(*) FROM slots");

    [Fact]
    public async Task A_restart_keeps_withdrawals_skips_busy_times_and_counts_what_it_really_added()
    {
        var tomorrow = app.Today().AddDays(1);
        var evening = Paris.ToInstant(tomorrow, new TimeOnly(18, 0));
        var seeded = await app.ScalarAsync<Guid>(
            "SELECT id FROM slots WHERE practitioner_id = @Claire AND starts_at = @evening AND status = 'free'", new { Claire, evening = evening.UtcDateTime });
        await (await app.Practitioner(Claire).DeleteAsync($"/api/slots/{seeded}")).ShouldBe(HttpStatusCode.NoContent);

        // Claire's own calendar makes the day after tomorrow busy all day.
        var busyDay = app.Today().AddDays(2);
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:away@test\r\nDTSTART;VALUE=DATE:{busyDay:yyyyMMdd}\r\n" +
                  $"DTEND;VALUE=DATE:{busyDay.AddDays(1):yyyyMMdd}\r\nSUMMARY:Congrès\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await (await app.Practitioner(Claire).PostAsync($"/api/practitioners/{Claire}/busy-calendars", new StringContent(ics, Encoding.UTF8, "text/calendar")))
            .ShouldBe(HttpStatusCode.Created);

        // The same day: every seeded slot is there or was withdrawn, so nothing is added, and the line says so.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var before = await SlotsAsync();
        var (added, _) = Restart();
        Assert.Equal(0, added);
        Assert.Equal(before, await SlotsAsync());
        Assert.Equal("withdrawn", await app.ScalarAsync<string>("SELECT status FROM slots WHERE id = @seeded", new { seeded }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Claire AND starts_at = @evening",
            new { Claire, evening = evening.UtcDateTime }));

        // The next day the busy day is "tomorrow": the service starts, seeds the other GPs' slots and skips Claire's.
        app.Clock.Advance(TimeSpan.FromDays(1));
        before = await SlotsAsync();
        var (addedNextDay, skipped) = Restart();
        Assert.True(addedNextDay > 0, "the other GPs' slots of the new day are added");
        Assert.Equal(before + addedNextDay, await SlotsAsync());
        Assert.True(skipped >= 3, $"{skipped} skipped");
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM slots s JOIN busy_times b ON b.practitioner_id = s.practitioner_id AND b.during && tstzrange(s.starts_at, s.ends_at, '[)')
            WHERE s.practitioner_id = @Claire AND s.status <> 'withdrawn'
            """, new { Claire }));
        Assert.Empty(await app.InvariantViolationsAsync());
    }
}
