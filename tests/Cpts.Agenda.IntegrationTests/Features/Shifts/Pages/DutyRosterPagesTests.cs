using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Shifts.Pages;

/// <summary>"Garde du jour": today's and tomorrow's roster of each MMG site with names and phones, open shifts marked, printable; no patient data.</summary>
public sealed class DutyRosterPagesTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private Task<PageClient> SecretaryAsync() => app.SignedInAsync(Roles.Secretary, "Secrétaire Page");

    [Fact]
    public async Task The_secretary_sees_who_is_on_duty_today_and_tomorrow_with_their_phone_and_the_open_shifts_in_red()
    {
        var (site, _, _, _) = await app.RosterWithOneEveningAssignedAsync(1, "De-Garde", "06 12 34 56 78");
        var today = app.Today();
        // A teleconsultation today: its patient must not appear on the secretary's page.
        var cab = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(cab, app.At(15, 0, daysAhead: 1));

        var page = await SecretaryAsync();
        var html = await page.ReadAsync("/garde-du-jour");
        Assert.Contains("Garde du jour", html);
        Assert.Contains(Fr(today), html);
        Assert.Contains(Fr(today.AddDays(1)), html);
        Assert.DoesNotContain(Fr(today.AddDays(2)), html);
        html.ShouldContainAll(
            site.Name, "Alex De-Garde", "href=\"tel:0612345678\"", "06 12 34 56 78", "20:00–00:00", "<tr class=\"open\">", "Non pourvue");
        Assert.Contains("@media print", await page.Http.GetStringAsync("/site.css"));
        Assert.Contains("data-print", html);
        Assert.DoesNotContain("Germaine", html);
        Assert.DoesNotContain("Patiente", html);
        var nav = await page.ReadAsync("/");
        Assert.Contains("Garde du jour", nav);
        Assert.DoesNotContain("Téléconsultation assistée", nav);

        var next = await page.ReadAsync($"/garde-du-jour?jour={Http.Iso(today.AddDays(1))}");
        Assert.Contains(Fr(today.AddDays(2)), next);
        Assert.DoesNotContain(">" + Fr(today) + "<", next);
    }

    [Fact]
    public async Task A_secretary_opens_no_page_with_patient_data()
    {
        var page = await SecretaryAsync();
        foreach (var path in new[] { "/ma-journee", "/teleconsultation", "/reservations", "/agenda", "/trouver", $"/rendez-vous/{Guid.NewGuid()}", "/calendrier" })
        {
            var response = await page.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            Assert.StartsWith(PageSession.DeniedPath, response.Headers.Location!.PathAndQuery);
        }
        await (await app.As(Roles.Secretary).GetAsync("/api/teleconsultations")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Secretary).GetAsync("/api/bookings")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_date_is_said_and_today_is_shown()
    {
        var page = await SecretaryAsync();
        var response = await page.Http.GetAsync("/garde-du-jour?jour=demain");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Date inconnue", html);
        Assert.Contains(Fr(app.Today()), html);
    }

    private static string Fr(DateOnly d) => Cpts.Agenda.Api.Web.Fr.Day(d);
}
