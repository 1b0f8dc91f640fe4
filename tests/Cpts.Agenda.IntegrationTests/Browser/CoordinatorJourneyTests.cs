using System.Globalization;
using System.Text;
using Cpts.Agenda.IntegrationTests.Features.Directory;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>The coordinator's desk in Chromium: the Annuaire Santé import twice, a month of MMG shifts and an assignment; axe on every page.</summary>
public sealed class CoordinatorJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_coordinator_imports_a_small_Annuaire_file_twice_and_the_second_time_only_updates()
    {
        await SignInAsNewMemberAsync(Page, Roles.Coordinator, "Coordinatrice Importatrice");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Import Annuaire Santé" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Import depuis l'Annuaire Santé", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("coordination-import");

        var file = Path.Combine(AppContext.BaseDirectory, "Features", "Directory", "Fixtures", "PS_LibreAcces_Personne_activite_70.txt");
        await PreviewAsync(file);
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Seraient ajoutés : 6 · seraient mis à jour : 0"));
        await Expect(Page.GetByRole(AriaRole.Rowheader, new() { Name = "LAMBERT-DEMO Sophie" })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("coordination-import-preview");
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM practitioners WHERE rpps = ANY(@Vesoul)", new { Annuaire.Vesoul }));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Importer : 6 ajouts, 0 mise à jour" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Ajoutés : 6 · mis à jour : 0"));
        await Page.CheckAccessibilityAsync("coordination-import-done");
        Assert.Equal(6L, await App.ScalarAsync<long>("SELECT count(*) FROM practitioners WHERE rpps = ANY(@Vesoul)", new { Annuaire.Vesoul }));

        // The next extraction: one practice moved its phone. Updates only, nobody twice.
        var next = Path.Combine(Path.GetTempPath(), $"PS_LibreAcces_Personne_activite_{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(next, Annuaire.Text().Replace("0384751212", "0384751299", StringComparison.Ordinal), new UTF8Encoding(false));
        try
        {
            await PreviewAsync(next);
            await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Seraient ajoutés : 0 · seraient mis à jour : 1 · inchangés : 5"));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Importer : 0 ajout, 1 mise à jour" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Ajoutés : 0 · mis à jour : 1 · inchangés : 5"));
        }
        finally
        {
            File.Delete(next);
        }
        Assert.Equal(6L, await App.ScalarAsync<long>("SELECT count(*) FROM practitioners WHERE rpps = ANY(@Vesoul)", new { Annuaire.Vesoul }));
        Assert.Equal("0384751299", await App.ScalarAsync<string>("SELECT practice_phone FROM practitioners WHERE rpps = @Girard", new { Annuaire.Girard }));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Annuaire", Exact = true }).ClickAsync();
        await Page.GetByLabel("Nom ou RPPS").FillAsync("lambert");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chercher" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "LAMBERT-DEMO Sophie" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sophie LAMBERT-DEMO", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("coordination-practitioner");
    }

    [Fact]
    public async Task The_coordinator_generates_a_month_of_MMG_shifts_and_assigns_one_and_every_desk_page_passes_axe()
    {
        var site = await App.NewSiteAsync("mmg");
        var gp = await App.NewPractitionerAsync(lastName: "Degardée");
        await SignInAsNewMemberAsync(Page, Roles.Coordinator, "Coordinatrice Gardes");
        var today = Paris.LocalDate(App.Clock.GetUtcNow());
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        await Page.GotoAsync($"/coordination/gardes?site={site.Id}&profession=generalist&mois={month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        await Expect(Page.GetByText("Aucune garde générée pour ce mois")).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("coordination-roster-empty");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Générer les gardes de médecin généraliste" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("gardes générées (modèle pdsa), ouvertes.");
        var count = await App.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = @Id", new { site.Id });
        Assert.True(count >= DateTime.DaysInMonth(month.Year, month.Month));

        var first = await App.ScalarAsync<Guid>("SELECT id FROM shifts WHERE site_id = @Id ORDER BY starts_at LIMIT 1", new { site.Id });
        await Page.GetByLabel("Garde", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = first.ToString() });
        await Page.GetByLabel("Praticien", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = gp.Id.ToString() });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Affecter la garde" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("est affectée à Alex Degardée");
        await Expect(Page.GetByText($"(1 gardes pourvues sur {count} ;")).ToBeVisibleAsync();
        Assert.Equal(gp.Id, await App.ScalarAsync<Guid>("SELECT assignee_id FROM shifts WHERE id = @first", new { first }));
        await Page.CheckAccessibilityAsync("coordination-roster");

        foreach (var (link, heading) in new[]
        {
            ("Annuaire", "Annuaire des praticiens"), ("Sites et salles", "Sites et salles"), ("Membres", "Membres et rôles"),
            ("Indicateurs", "Indicateurs pour les financeurs"), ("Journal", "Journal des actions"), ("Notifications", "Notifications"),
        })
        {
            await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await Page.CheckAccessibilityAsync("coordination-" + heading.Split(' ')[0].ToLowerInvariant());
        }
        await Page.GotoAsync($"/coordination/sites/{site.Id}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = site.Name, Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("coordination-site");
    }

    private async Task PreviewAsync(string file)
    {
        await Page.GetByLabel("Extraction de l'Annuaire Santé (.txt)").SetInputFilesAsync(file);
        await Page.GetByLabel("Codes postaux du territoire").FillAsync("70000, 70170");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Prévisualiser l'import" }).ClickAsync();
    }
}
