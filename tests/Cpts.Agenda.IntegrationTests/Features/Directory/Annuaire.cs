using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Directory;

/// <summary>The Annuaire Santé file the tests ship: Haute-Saône lines in the real format (fictional people).</summary>
public static class Annuaire
{
    public const string Lambert = "10000001007"; // GP, two activities in Vesoul: libéral (line 2) and salaried (line 3)
    public const string Girard = "10000001015";  // nurse, Vesoul
    public const string Roussel = "10000001023"; // physiotherapist, Port-sur-Saône 70170
    public const string Faure = "10000001031";   // pharmacist, Lure 70200 (commune 70310)
    public const string Morel = "10000001049";   // cardiologist, Vesoul
    public const string Perrin = "10000001080";  // midwife, 70000 Noidans-lès-Vesoul (commune 70388)
    public const string Chevalier = "10000001098"; // speech therapist, Vesoul
    public const string Mercier = "10000001106"; // GP in Besançon (Doubs): outside the territory

    public static readonly string[] Vesoul = [Lambert, Girard, Roussel, Morel, Perrin, Chevalier];

    public static string Text() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Directory", "Fixtures", "PS_LibreAcces_Personne_activite_70.txt"), Encoding.UTF8);

    public static async Task<HttpResponseMessage> ImportAsync(this HttpClient client, string text, string? postalCodes = null, string? communes = null, bool? dryRun = null)
    {
        using var form = new MultipartFormDataContent();
        if (postalCodes is not null) form.Add(new StringContent(postalCodes), "postalCodes");
        if (communes is not null) form.Add(new StringContent(communes), "communes");
        if (dryRun is not null) form.Add(new StringContent(dryRun.Value ? "true" : "false"), "dryRun");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "PS_LibreAcces_Personne_activite_202612010000.txt");
        return await client.PostAsync("/api/practitioners/import", form);
    }

    public static void ShouldCount(this JsonElement report, int created, int updated, int unchanged)
    {
        Assert.Equal(created, report.GetProperty("created").GetInt32());
        Assert.Equal(updated, report.GetProperty("updated").GetInt32());
        Assert.Equal(unchanged, report.GetProperty("unchanged").GetInt32());
    }
}
