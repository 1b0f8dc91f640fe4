using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>The GP's agenda in Chromium, every page checked with axe.</summary>
public sealed class GpJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_GP_signs_in_publishes_a_repeated_series_sees_it_in_her_week_and_withdraws_one()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Navigatrice");
        var site = await App.NewSiteAsync(city: "Vesoul");
        await SignInAsNewMemberAsync(Page, Roles.Practitioner, "Alex Navigatrice", gp.Id);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Mon agenda" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mon agenda", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("gp-agenda");

        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Publier des créneaux" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Publier des créneaux", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("gp-publish");

        var monday = NextMonday();
        await Page.GetByLabel("Jour", new() { Exact = true }).FillAsync(Http.Iso(monday));
        await Page.GetByLabel("Début", new() { Exact = true }).FillAsync("11:00");
        await Page.GetByLabel("Fin", new() { Exact = true }).FillAsync("12:00");
        await Page.GetByLabel("En créneaux de (minutes)").FillAsync("20");
        await Page.GetByLabel("lundi", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("mardi", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Pendant (semaines)").FillAsync("2");
        await Page.GetByLabel("Lieu").SelectOptionAsync(new SelectOptionValue { Value = site.Id.ToString() });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("12 créneaux publiés");
        await Page.CheckAccessibilityAsync("gp-publish-done");
        Assert.Equal(12L, await App.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Voir la semaine" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Créneau libre" })).ToHaveCountAsync(6);
        await Page.CheckAccessibilityAsync("gp-week");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Créneau libre" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("11:00");
        await Page.CheckAccessibilityAsync("gp-slot-free");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retirer ce créneau" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Le créneau est retiré.");
        await Page.CheckAccessibilityAsync("gp-slot-withdrawn");

        await Page.GetByRole(AriaRole.Link, new() { Name = "← Mon agenda" }).ClickAsync();
        await Expect(Page.GetByText("Créneau retiré")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Créneau libre" })).ToHaveCountAsync(5);
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id AND status = 'withdrawn'", new { gp.Id }));
    }

    [Fact]
    public async Task On_a_phone_the_week_shows_one_day_at_a_time_and_passes_axe()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Téléphone");
        var start = App.NextHour();
        await App.PublishSlotAsync(gp.Id, start, siteId: (await App.NewSiteAsync()).Id);
        var phone = await NewPageAsync(phone: true);
        await SignInAsNewMemberAsync(phone, Roles.Practitioner, "Alex Téléphone", gp.Id);

        await phone.GotoAsync($"/agenda?jour={Http.Iso(Paris.LocalDate(start))}");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveCountAsync(1); // the other six days are hidden
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Créneau libre" })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Jour suivant →" })).ToBeVisibleAsync();
        await phone.CheckAccessibilityAsync("gp-week-phone");
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the page scrolls sideways on a phone");
    }

    [Fact]
    public async Task The_accessibility_check_fails_on_a_serious_violation_and_names_it()
    {
        await Page.GotoAsync("/connexion");
        await Page.SetContentAsync("<!DOCTYPE html><html lang=\"fr\"><head><title>Essai</title></head><body><main><h1>Essai</h1><input type=\"text\"></main></body></html>");
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => Page.CheckAccessibilityAsync("axe-self-check"));
        Assert.Contains("[critical] label", failure.Message);
        Assert.True(File.Exists(Path.Combine(Accessibility.ScreenshotFolder, "axe-self-check.png")));
    }

    /// <summary>The coming Monday in Paris (never today): a series on Monday and Tuesday stays within one week view.</summary>
    private DateOnly NextMonday()
    {
        var today = Paris.LocalDate(App.Clock.GetUtcNow());
        return today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7);
    }
}
