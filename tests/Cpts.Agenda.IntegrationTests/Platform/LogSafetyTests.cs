using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Cpts.Agenda.IntegrationTests.Features.Calendars;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Cpts.Agenda.IntegrationTests.Platform;

public sealed class LogSafetyTests(VerboseLoggingApp app, CalendarServer server) : IClassFixture<VerboseLoggingApp>, IClassFixture<CalendarServer>
{
    [Fact]
    public async Task No_feed_token_calendar_URL_bearer_token_or_patient_data_reaches_a_log_line_at_Debug()
    {
        var secrets = new List<string>();
        var coordinator = app.Coordinator();
        secrets.Add(coordinator.DefaultRequestHeaders.Authorization!.Parameter!);
        var gp = await app.NewPractitionerAsync();
        var practitioner = app.Practitioner(gp.Id);
        secrets.Add(practitioner.DefaultRequestHeaders.Authorization!.Parameter!);

        // A feed: its token is its path.
        var feed = await (await practitioner.PostJsonAsync("/api/feeds", new { scope = "practitioner", id = gp.Id })).ShouldBe(HttpStatusCode.Created);
        var feedPath = new Uri(feed.GetProperty("url").GetString()!).AbsolutePath;
        var token = feedPath["/ical/".Length..^".ics".Length];
        secrets.Add(token);
        var first = await app.CreateClient().GetAsync(feedPath);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = new HttpRequestMessage(HttpMethod.Get, feedPath);
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await app.CreateClient().SendAsync(again)).StatusCode);
        var unknown = $"guessed-{Guid.NewGuid():N}";
        secrets.Add(unknown);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/ical/{unknown}.ics")).StatusCode);

        // Busy calendars: the owner's secret is in the URL's path and query; one imported, one unreachable (422).
        const string calendarPath = "/calendar/ical/claire.martin/private-0123456789abcdef/basic.ics";
        server.Set(calendarPath, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n");
        secrets.AddRange(["claire.martin", "private-0123456789abcdef", "s3cr3t-query-value", "private-fedcba9876543210"]);
        var calendars = $"/api/practitioners/{gp.Id}/busy-calendars";
        await (await practitioner.PostJsonAsync(calendars, new { url = server.Url(calendarPath) + "?key=s3cr3t-query-value" })).ShouldBe(HttpStatusCode.Created);
        await (await practitioner.PostJsonAsync(calendars, new { url = "http://127.0.0.1:1/private-fedcba9876543210/basic.ics" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);

        // Patient data: a booking, its read, a refused second booking of the same slot.
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(), mode: "teleconsultation");
        var booking = await (await app.Regulator().PostJsonAsync("/api/bookings",
            Steps.Booking(slotId, patient: Steps.Patient("Zébulon", "Secretpatient", phone: "06 98 76 54 32")))).ShouldBe(HttpStatusCode.Created);
        await (await practitioner.GetAsync($"/api/bookings/{booking.GetProperty("id").GetGuid()}")).ShouldBe(HttpStatusCode.OK);
        await (await app.Regulator().PostJsonAsync("/api/bookings",
            Steps.Booking(slotId, patient: Steps.Patient("Ursule", "Hiddenname", phone: "07 11 22 33 44")))).ShouldBe(HttpStatusCode.Conflict);
        secrets.AddRange(["Zébulon", "Secretpatient", "06 98 76 54 32", "Ursule", "Hiddenname", "07 11 22 33 44"]);

        // A forged bearer token (another key): refused, and not written down either.
        var forged = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(Auth.DevIssuer, Auth.DevAudience, [new Claim("sub", "forger"), new Claim("role", "coordinator")],
            DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1),
            new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-another-key-another-key-42")), SecurityAlgorithms.HmacSha256)));
        secrets.Add(forged);
        var forger = app.CreateClient();
        forger.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.GetAsync("/api/practitioners")).StatusCode);

        var entries = app.Logs.Entries.ToList();
        // The configuration did take effect: framework Debug lines were written.
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        foreach (var (category, _, text, exception) in entries)
        {
            var all = text + exception;
            foreach (var secret in secrets) Assert.False(all.Contains(secret, StringComparison.Ordinal), $"{category} logged a secret: {all}");
        }
        Assert.DoesNotContain(entries, e => System.Text.RegularExpressions.Regex.IsMatch(e.Text + e.Exception, @"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\."));
        // The refused and unreachable calendar URLs are told in one line each, without a stack trace.
        Assert.DoesNotContain(entries, e => e.Category.Contains("Calendar", StringComparison.Ordinal) && e.Exception is not null);
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.EndsWith("HttpCalendarFetcher", StringComparison.Ordinal) && e.Text.Contains("127.0.0.1", StringComparison.Ordinal));
    }
}
