using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>
/// The core flows in a browser with JavaScript turned off (an old hospital PC, a locked-down
/// profile): the GP publishes, the regulator searches, books and cancels, with plain forms and links.
/// </summary>
public sealed class WithoutJavaScriptTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Publish_search_book_and_cancel_work_without_javascript()
    {
        var gp = await App.NewPractitionerAsync(lastName: "Sansscript");
        var site = await App.NewSiteAsync(city: "Vesoul");
        var start = App.NextHour();
        var local = Paris.ToLocal(start);

        var gpPage = await NewPageAsync(javaScript: false);
        await SignInAsNewMemberAsync(gpPage, Roles.Practitioner, "Alex Sansscript", gp.Id);
        await gpPage.GotoAsync("/agenda/publier");
        await gpPage.GetByLabel("Jour", new() { Exact = true }).FillAsync(local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await gpPage.GetByLabel("Début", new() { Exact = true }).FillAsync(local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await gpPage.GetByLabel("Fin", new() { Exact = true }).FillAsync(local.AddMinutes(20).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await gpPage.GetByLabel("Lieu").SelectOptionAsync(new SelectOptionValue { Value = site.Id.ToString() });
        await gpPage.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        await Expect(gpPage.GetByRole(AriaRole.Status)).ToContainTextAsync("1 créneau publié");
        await gpPage.CheckAccessibilityAsync("nojs-gp-published");
        await gpPage.GetByRole(AriaRole.Link, new() { Name = "Voir la semaine" }).ClickAsync();
        await Expect(gpPage.GetByRole(AriaRole.Link, new() { Name = "Créneau libre" })).ToHaveCountAsync(1);
        var slot = await App.ScalarAsync<Guid>("SELECT id FROM slots WHERE practitioner_id = @Id", new { gp.Id });

        var page = await NewPageAsync(javaScript: false);
        await SignInAsNewMemberAsync(page, Roles.Regulator, "Régulatrice Sansscript");
        await page.GotoAsync("/trouver");
        await page.GetByLabel("Où est le patient ?").FillAsync("Vesoul");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Alex Sansscript" });
        await Expect(result).ToContainTextAsync("1 rue de Test, 70000 Vesoul");
        await page.CheckAccessibilityAsync("nojs-regulator-results");
        await result.GetByRole(AriaRole.Link, new() { Name = "Réserver" }).ClickAsync();
        await RegulatorJourneyTests.FillPatientAsync(page, "Gisèle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Réserver ce créneau" }).DblClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rendez-vous réservé", Level = 1 })).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync("nojs-regulator-confirmation");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rendez-vous réservé", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slot", new { slot }));

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Mes réservations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mes réservations du jour", Level = 1 })).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync("nojs-regulator-bookings");
        var booking = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Gisèle Patiente" });
        await booking.GetByLabel("Motif d'annulation").FillAsync("Le patient va mieux");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Annuler la réservation de Gisèle Patiente" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La réservation est annulée");
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Gisèle Patiente" })).ToContainTextAsync("Annulé");
        await page.CheckAccessibilityAsync("nojs-regulator-cancelled");
        Assert.Equal("cancelled", await App.ScalarAsync<string>("SELECT status FROM bookings WHERE slot_id = @slot", new { slot }));
        Assert.Equal("free", await App.ScalarAsync<string>("SELECT status FROM slots WHERE id = @slot", new { slot }));
    }
}
