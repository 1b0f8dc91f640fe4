using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>The MMG secretary's roster in Chromium, on screen and printed, checked with axe.</summary>
public sealed class SecretaryJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_secretary_sees_names_and_phones_on_the_days_roster_and_its_print_view()
    {
        await App.RosterWithOneEveningAssignedAsync(0, "Veilleuse", "06 01 02 03 04");
        await SignInAsNewMemberAsync(Page, Roles.Secretary, "Secrétaire Navigatrice");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Garde du jour" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Garde du jour", Level = 1 })).ToBeVisibleAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Alex Veilleuse" });
        await Expect(row).ToContainTextAsync("06 01 02 03 04");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "06 01 02 03 04" })).ToHaveAttributeAsync("href", "tel:0601020304");
        await Expect(Page.GetByText("Non pourvue").First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Imprimer (A4)" })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("secretary-day");

        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Imprimer (A4)" })).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync("06 01 02 03 04");
        await Page.CheckAccessibilityAsync("secretary-day-print");
        var pdf = await Page.PdfAsync(new() { Format = "A4" });
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
