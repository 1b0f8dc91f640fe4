using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Directory.Pages;

/// <summary>"Import depuis l'Annuaire Santé": upload, preview (nothing written), confirm; a second import updates only.</summary>
public sealed partial class ImportPageTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static async Task<(HttpStatusCode Status, string Html)> PreviewAsync(PageClient page, string text, string postalCodes)
    {
        var token = PageClient.Token(await page.HtmlAsync("/coordination/import"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("apercu"), "_handler" },
            { new StringContent(token), "__jeton" },
            { new StringContent(postalCodes), "Territoire.CodesPostaux" },
            { new StringContent(""), "Territoire.Communes" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "Fichier", "PS_LibreAcces_Personne_activite_202612010000.txt");
        var response = await page.Http.PostAsync("/coordination/import", form);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<string> ConfirmAsync(PageClient page, string previewHtml)
    {
        var fields = Confirmation().Matches(previewHtml).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.True(fields.ContainsKey("Confirmation.Fichier"), "the preview offers to import");
        return await page.PostAsync("/coordination/import", [("_handler", "confirmer"), .. fields.Select(kv => (kv.Key, kv.Value))]);
    }

    [Fact]
    public async Task The_coordinator_previews_then_imports_a_small_file_and_a_second_import_updates_only()
    {
        var page = await app.CoordinatorAsync();
        var (status, preview) = await PreviewAsync(page, Annuaire.Text(), "70000, 70170");
        Assert.Equal(HttpStatusCode.OK, status);
        preview.ShouldContainAll(
            "Aperçu : rien n'est encore écrit", "Seraient ajoutés : 6", "LAMBERT-DEMO Sophie", "à ajouter",
            "RPPS invalide (11 chiffres avec la clé de Luhn).", "Identifiant ADELI seulement");
        Assert.DoesNotContain("ERREUR-DEMO", preview); // a skipped line's reason never repeats its name
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM practitioners"));

        var imported = await ConfirmAsync(page, preview);
        Assert.Contains("Import terminé", imported);
        Assert.Contains("Ajoutés : 6", imported);
        Assert.Equal(6L, await app.ScalarAsync<long>("SELECT count(*) FROM practitioners"));
        Assert.Equal(2L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'practitioner.import'")); // the preview and the import, as through the API
        Assert.DoesNotContain("Confirmation.Fichier", imported);

        // The same file again with one practice phone changed: one update, nothing added.
        var moved = Annuaire.Text().Replace("0384751212", "0384751299", StringComparison.Ordinal);
        var (_, second) = await PreviewAsync(page, moved, "70000, 70170");
        Assert.Contains("Seraient ajoutés : 0 · seraient mis à jour : 1 · inchangés : 5", second);
        Assert.Contains("GIRARD-DEMO Thomas", second);
        var updated = await ConfirmAsync(page, second);
        Assert.Contains("Ajoutés : 0 · mis à jour : 1 · inchangés : 5", updated);
        Assert.Equal(6L, await app.ScalarAsync<long>("SELECT count(*) FROM practitioners"));
        Assert.Equal("0384751299", await app.ScalarAsync<string>("SELECT practice_phone FROM practitioners WHERE rpps = @Girard", new { Annuaire.Girard }));
    }

    [Fact]
    public async Task A_file_that_is_no_extraction_or_a_missing_territory_is_said_beside_its_field()
    {
        var page = await app.CoordinatorAsync();
        var (status, html) = await PreviewAsync(page, "RPPS;Nom\n10000001007;LAMBERT\n", "70000");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Ce fichier n'est pas une extraction PS_LibreAcces_Personne_activite", html);
        Assert.DoesNotContain("Confirmation.Fichier", html);
        var (noTerritory, refused) = await PreviewAsync(page, Annuaire.Text(), "");
        Assert.Equal(HttpStatusCode.BadRequest, noTerritory);
        Assert.Contains("Des codes postaux à 5 chiffres séparés par des virgules", refused);

        var stale = await page.PostAsync("/coordination/import", HttpStatusCode.Gone, ("_handler", "confirmer"),
            ("Confirmation.Fichier", new string('a', 32)), ("Confirmation.CodesPostaux", "70000"));
        Assert.Contains("Le fichier prévisualisé n'est plus disponible", stale);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(Confirmation\\.[A-Za-z]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Confirmation();
}
