using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>Calendar subscriptions in Chromium, checked with axe.</summary>
public sealed class CalendarJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_GP_creates_a_feed_the_page_shows_url_webcal_link_and_QR_code_the_url_answers_a_calendar_and_revoking_makes_it_404()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Abonnée");
        await SignInAsNewMemberAsync(Page, Roles.Practitioner, "Alex Abonnée", gp.Id);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Mon calendrier" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mon calendrier", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("calendar");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Créer une adresse d'abonnement" }).ClickAsync();
        var field = Page.GetByLabel("Adresse d'abonnement");
        await Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/ical/[A-Za-z0-9_-]{43}\\.ics$"));
        var url = await field.InputValueAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir dans mon application de calendrier (webcal)" }))
            .ToHaveAttributeAsync("href", "webcal://" + url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..]);
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Code QR de l'adresse d'abonnement (lien webcal)" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Copier l'adresse" })).ToBeVisibleAsync();
        Assert.DoesNotContain("/ical/", Page.Url);
        await Page.CheckAccessibilityAsync("calendar-feed-created");

        using var http = new HttpClient();
        var feed = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.NotNull(Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync()));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Révoquer l'adresse" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "révoquée" })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("calendar-feed-revoked");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url)).StatusCode);
    }
}
