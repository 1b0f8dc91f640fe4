using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>
/// The regulator finds a doctor and books while the patient is on the line, then the GP reads the
/// booking and records its outcome; the SAS link of a taken slot; one GP never sees another's
/// patient. In Chromium, every page checked with axe.
/// </summary>
public sealed partial class RegulatorJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_regulator_searches_near_a_commune_books_sees_the_confirmation_reloads_without_booking_twice_and_the_GP_records_the_outcome()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Trouvée");
        var site = await App.NewSiteAsync(city: "Vesoul");
        await App.ScalarAsync<int>("UPDATE sites SET phone = '03 84 76 54 32' WHERE id = @Id RETURNING 1", new { site.Id });
        var start = App.NextHour();
        var slot = await App.PublishSlotAsync(gp.Id, start, siteId: site.Id);

        await SignInAsNewMemberAsync(Page, Roles.Regulator, "Régulatrice Journée");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Trouver un médecin" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Trouver un médecin", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("regulator-search");

        await Page.GetByLabel("Où est le patient ?").FillAsync("Vesoul");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Créneaux libres près de Vesoul (70000)" })).ToBeVisibleAsync();
        var result = Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Alex Trouvée" });
        await Expect(result).ToContainTextAsync("1 rue de Test, 70000 Vesoul");
        await Expect(result).ToContainTextAsync("Tél. 03 84 76 54 32");
        await Page.CheckAccessibilityAsync("regulator-results");

        await result.GetByRole(AriaRole.Link, new() { Name = "Réserver" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Réserver un créneau", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith($"/rendez-vous/{slot}", Page.Url);
        await Page.CheckAccessibilityAsync("regulator-book");

        await FillPatientAsync(Page, "Paulette");
        // A double click on the button, as happens while the patient talks: one booking all the same.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Réserver ce créneau" }).DblClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Rendez-vous réservé", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le rendez-vous est réservé");
        var main = Page.GetByRole(AriaRole.Main);
        await Expect(main).ToContainTextAsync(Cpts.Agenda.Api.Web.Fr.DayTime(start, App.Clock.GetUtcNow()));
        await Expect(main).ToContainTextAsync("1 rue de Test, 70000 Vesoul");
        await Expect(main).ToContainTextAsync("03 84 76 54 32");
        await Expect(main).ToContainTextAsync("Paulette Patiente");
        Assert.Matches(ConfirmationUrl(), Page.Url);
        Assert.DoesNotContain("Paulette", Page.Url);
        await Page.CheckAccessibilityAsync("regulator-confirmation");

        await Page.ReloadAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Rendez-vous réservé", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slot", new { slot }));

        // The GP finds the booking in her week, with the patient, and records how it went.
        var gpPage = await NewPageAsync();
        await SignInAsNewMemberAsync(gpPage, Roles.Practitioner, "Alex Trouvée", gp.Id);
        await gpPage.GotoAsync($"/agenda?jour={Paris.LocalDate(start):yyyy-MM-dd}");
        await gpPage.GetByRole(AriaRole.Link, new() { Name = "Réservé : Paulette Patiente" }).ClickAsync();
        await Expect(gpPage.GetByRole(AriaRole.Heading, new() { Name = "Rendez-vous" })).ToBeVisibleAsync();
        var facts = gpPage.GetByRole(AriaRole.Main);
        await Expect(facts).ToContainTextAsync("Paulette Patiente");
        await Expect(facts).ToContainTextAsync("06 12 34 56 78");
        await Expect(facts).ToContainTextAsync("Fièvre depuis deux jours");
        await Expect(facts).ToContainTextAsync("le régulateur du SAS");
        await gpPage.CheckAccessibilityAsync("gp-slot-booked");

        // The patient came: the outcome is recorded once the appointment has begun.
        App.Clock.Advance(start - App.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        await gpPage.ReloadAsync();
        await gpPage.GetByLabel("Venu", new() { Exact = true }).CheckAsync();
        await gpPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'issue" }).ClickAsync();
        await Expect(gpPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'issue du rendez-vous est enregistrée.");
        await gpPage.CheckAccessibilityAsync("gp-slot-outcome");
        Assert.Equal("attended", await App.ScalarAsync<string>("SELECT outcome FROM bookings WHERE slot_id = @slot", new { slot }));
    }

    [Fact]
    public async Task The_SAS_link_of_a_taken_slot_says_so_and_offers_the_next_free_ones_nearby()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Prise");
        var neighbour = await App.NewPractitionerAsync(lastName: "Disponible");
        var site = await App.NewSiteAsync();
        var taken = await App.PublishSlotAsync(gp.Id, App.NextHour(2), siteId: site.Id);
        var free = await App.PublishSlotAsync(neighbour.Id, App.NextHour(3), siteId: site.Id);
        await App.BookAsync(App.Regulator(), taken);

        await SignInAsNewMemberAsync(Page, Roles.Regulator, "Régulateur Lien SAS");
        var response = await Page.GotoAsync($"/rendez-vous/{taken}");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ce créneau n'est plus disponible");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Réserver ce créneau" })).ToHaveCountAsync(0);
        var others = Page.GetByRole(AriaRole.List, new() { Name = "Prochains créneaux libres à proximité" });
        await Page.CheckAccessibilityAsync("regulator-slot-taken");

        await others.GetByRole(AriaRole.Link, new() { Name = "Réserver : Alex Disponible" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Réserver ce créneau" })).ToBeVisibleAsync();
        Assert.EndsWith($"/rendez-vous/{free}", Page.Url);
    }

    [Fact]
    public async Task A_second_GP_sees_neither_the_page_nor_the_API_answer_of_the_first_GPs_patient()
    {
        var first = await App.NewPractitionerAsync(lastName: "Première");
        var second = await App.NewPractitionerAsync(lastName: "Seconde");
        var slot = await App.PublishSlotAsync(first.Id, App.NextHour(4), siteId: (await App.NewSiteAsync()).Id);
        var booking = (await App.BookAsync(App.Regulator(), slot)).GetProperty("id").GetGuid();

        await SignInAsNewMemberAsync(Page, Roles.Practitioner, "Alex Seconde", second.Id);
        var response = await Page.GotoAsync($"/agenda/creneaux/{slot}");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Ce créneau n'est pas le vôtre : vous ne pouvez pas le consulter.");
        await Page.CheckAccessibilityAsync("gp-slot-not-hers");
        Assert.DoesNotContain("Paulette", await Page.ContentAsync());
        Assert.DoesNotContain("06 12 34 56 78", await Page.ContentAsync());

        // Her own week lists nothing of the first GP's.
        await Page.GotoAsync($"/agenda?jour={Paris.LocalDate(App.NextHour(4)):yyyy-MM-dd}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mon agenda", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain("Paulette", await Page.ContentAsync());

        // The API refuses her the same (a page never shows what the API would refuse, and the reverse).
        var api = App.Practitioner(second.Id);
        foreach (var path in new[] { $"/api/bookings/{booking}", $"/api/slots?practitionerId={first.Id}", $"/api/practitioners/{first.Id}/agenda" })
        {
            var answer = await api.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)answer.StatusCode}");
            Assert.DoesNotContain("Paulette", await answer.Content.ReadAsStringAsync());
        }
        // The slot itself is public to whoever may book (time, place), never its patient.
        Assert.DoesNotContain("Paulette", await (await api.GetAsync($"/api/slots/{slot}")).Content.ReadAsStringAsync());
        var hers = await api.GetAsync("/api/bookings");
        Assert.Equal(HttpStatusCode.OK, hers.StatusCode);
        Assert.DoesNotContain("Paulette", await hers.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task On_a_phone_the_search_and_its_results_fit_the_screen_and_pass_axe()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Mobile");
        await App.PublishSlotAsync(gp.Id, App.NextHour(5), siteId: (await App.NewSiteAsync(city: "Vesoul")).Id);
        var phone = await NewPageAsync(phone: true);
        await SignInAsNewMemberAsync(phone, Roles.Regulator, "Régulateur Mobile");
        await phone.GotoAsync("/trouver?lieu=70000&rayon=20");
        await Expect(phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Alex Mobile" })).ToBeVisibleAsync();
        await phone.CheckAccessibilityAsync("regulator-results-phone");
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the page scrolls sideways on a phone");
    }

    /// <summary>The patient form as the regulator types it, the patient on the line.</summary>
    internal static async Task FillPatientAsync(IPage page, string firstName)
    {
        await page.GetByLabel("Prénom").FillAsync(firstName);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Patiente");
        await page.GetByLabel("Date de naissance").FillAsync("1961-04-12");
        await page.GetByLabel("Téléphone du patient").FillAsync("06 12 34 56 78");
        await page.GetByLabel("Non", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Motif").FillAsync("Fièvre depuis deux jours");
    }

    [GeneratedRegex("/reservations/[0-9a-f-]{36}$")]
    private static partial Regex ConfirmationUrl();
}
