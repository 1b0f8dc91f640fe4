using System.Text.RegularExpressions;
using Cpts.Agenda.IntegrationTests.Platform;
using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars.Pages;

/// <summary>
/// "Mon calendrier" without JavaScript: a feed created from the page shows its URL, a webcal link and a
/// QR code once, reads as a calendar, and answers 404 once revoked; busy calendars by URL and by file;
/// the coordinator's room feeds. With every log category at Debug, neither the feed's secret nor the
/// busy calendar's URL reaches a log line.
/// </summary>
public sealed partial class CalendarPagesTests(VerboseLoggingApp app, CalendarServer server) : IClassFixture<VerboseLoggingApp>, IClassFixture<CalendarServer>
{
    [Fact]
    public async Task A_GP_creates_a_feed_sees_its_url_webcal_link_and_QR_code_reads_it_as_a_calendar_and_revoking_makes_it_404()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Abonnée");
        var page = await app.SignedInAsync(Roles.Practitioner, "Membre Calendrier", gp.Id);
        var empty = await page.ReadAsync("/calendrier");
        Assert.Contains("Aucune adresse d'abonnement.", empty);
        Assert.Contains("Google ne relit les agendas abonnés que toutes les quelques heures", empty);
        Assert.Contains("SMS ou e-mail", empty);
        foreach (var client in new[] { "Google Agenda", "Outlook", "Apple Calendrier", "Thunderbird" }) Assert.Contains(client, empty);

        var html = await page.PostAsync("/calendrier", ("_handler", "nouveau"));
        var url = FeedUrl().Match(html).Groups[1].Value;
        Assert.StartsWith("https://localhost/ical/", url);
        Assert.Contains($"href=\"webcal://localhost{new Uri(url).AbsolutePath}\"", html);
        Assert.Matches("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{200,}\" alt=\"Code QR", html);
        Assert.Contains("data-copy=\"adresse-flux\"", html);
        Assert.Contains("Agenda de Alex Abonnée", html);

        var (text, _) = await app.ReadFeedAsync(url);
        Assert.StartsWith("BEGIN:VCALENDAR", text);

        // Shown once: the list never shows the secret again.
        var token = new Uri(url).AbsolutePath["/ical/".Length..^".ics".Length];
        var listed = await page.HtmlAsync("/calendrier");
        Assert.DoesNotContain(token, listed);
        var feedId = await app.ScalarAsync<Guid>("SELECT id FROM calendar_feeds WHERE scope_id = @Id", new { gp.Id });

        var revoked = await page.PostAsync("/calendrier", ("_handler", $"revoquer-{feedId}"));
        Assert.Contains("L'adresse est révoquée", revoked);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(FeedSteps.PathOf(url))).StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'feed.revoke' AND object_id = @Id", new { Id = feedId.ToString() }));

        foreach (var (category, _, line, exception) in app.Logs.Entries.ToList())
            Assert.False((line + exception).Contains(token, StringComparison.Ordinal), $"{category} logged the feed's secret");
    }

    [Fact]
    public async Task A_nurse_adds_a_busy_calendar_by_url_and_by_file_sees_its_last_fetch_and_removes_it_without_its_url_being_shown_or_logged()
    {
        var nurse = await app.NewPractitionerAsync("nurse", "Occupée");
        var page = await app.SignedInAsync(Roles.Nurse, "Membre Calendrier", nurse.Id);
        const string path = "/calendar/ical/manon/private-5e5e5e5e5e5e/basic.ics";
        server.Set(path, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n");

        var added = await page.PostAsync("/calendrier", ("_handler", "adresse"), ("adresse", server.Url(path)));
        Assert.Contains("Agenda importé : 0 moment(s) occupé(s).", added);
        Assert.Contains("Adresse 127.0.0.1", added);
        Assert.Contains("Dernière lecture :", added);
        Assert.DoesNotContain("private-5e5e5e5e5e5e", added);

        var start = app.At(15, daysAhead: 2);
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:rdv-1@test\r\nDTSTAMP:20260101T000000Z\r\n" +
                  $"DTSTART:{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{start.AddHours(1).UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\nSUMMARY:Privé\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageClient.Token(await page.HtmlAsync("/calendrier"))), "__jeton" },
            { new StringContent("fichier"), "_handler" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(ics)), "fichier", "perso.ics" },
        };
        var uploaded = await page.Http.PostAsync("/calendrier", form);
        var uploadedHtml = WebUtility.HtmlDecode(await uploaded.Content.ReadAsStringAsync());
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, uploadedHtml);
        Assert.Contains("Agenda importé : 1 moment(s) occupé(s)", uploadedHtml);
        Assert.Contains("Fichier .ics", uploadedHtml);

        var urlCalendar = await app.ScalarAsync<Guid>("SELECT id FROM busy_calendars WHERE practitioner_id = @Id AND kind = 'url'", new { nurse.Id });
        var removed = await page.PostAsync("/calendrier", ("_handler", $"retirer-{urlCalendar}"));
        Assert.Contains("L'agenda personnel est retiré", removed);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM busy_calendars WHERE practitioner_id = @Id", new { nurse.Id }));

        var refused = await page.PostFormAsync("/calendrier", "/calendrier", [new("_handler", "adresse"), new("adresse", "ftp://example.org/x.ics")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Indiquez une adresse http(s) complète", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        foreach (var (category, _, line, exception) in app.Logs.Entries.ToList())
            Assert.False((line + exception).Contains("private-5e5e5e5e5e5e", StringComparison.Ordinal), $"{category} logged the calendar's URL");
    }

    [Fact]
    public async Task The_coordinator_shares_a_room_and_a_secretary_cannot_open_the_page()
    {
        var site = await app.NewSiteAsync("telemedicine");
        var room = await app.NewRoomAsync(site.Id);
        var coordinator = await app.SignedInAsync(Roles.Coordinator, "Membre Calendrier");
        var html = await coordinator.PostAsync("/calendrier", ("_handler", "nouveau"), ("cible", $"room:{room}"));
        Assert.Matches(FeedUrl(), html);
        Assert.Contains($"Adresse créée pour Salle Salle ({site.Name})", html);
        Assert.Equal("room", await app.ScalarAsync<string>("SELECT scope FROM calendar_feeds WHERE scope_id = @room", new { room }));

        var secretary = await app.SignedInAsync(Roles.Secretary, "Membre Calendrier");
        var denied = await secretary.Http.GetAsync("/calendrier");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith(PageSession.DeniedPath, denied.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex("id=\"adresse-flux\" value=\"(https://[^\"]+\\.ics)\"")]
    private static partial Regex FeedUrl();
}
