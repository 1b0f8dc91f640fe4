using System.Net.Http.Headers;
using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Directory;

public sealed class ImportPractitionersTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<List<dynamic>> RowsAsync(params string[] rpps)
    {
        await using var c = await app.OpenAsync();
        return (await c.QueryAsync("SELECT * FROM practitioners WHERE rpps = ANY(@Rpps) ORDER BY rpps", new { Rpps = rpps })).ToList();
    }

    /// <summary>These columns of the row of this RPPS, in this order.</summary>
    private static string[] Columns(Dictionary<string, dynamic> byRpps, string rpps, params string[] names) =>
        names.Select(n => (string)((IDictionary<string, object>)byRpps[rpps])[n]).ToArray();

    [Fact]
    public async Task Dry_run_then_import_then_reimports_update_and_never_duplicate()
    {
        // Someone typed by hand before the first import: the import completes them, never duplicates them.
        await (await app.Coordinator().PostJsonAsync("/api/practitioners", new
        {
            rpps = Annuaire.Girard, firstName = "Thomas", lastName = "Girard", profession = "nurse", phone = "0611223344",
        })).ShouldBe(HttpStatusCode.Created);

        var preview = await (await app.Coordinator().ImportAsync(Annuaire.Text(), postalCodes: "70000,70170", dryRun: true)).ShouldBe(HttpStatusCode.OK);
        preview.ShouldCount(created: 5, updated: 1, unchanged: 0);
        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        Assert.Equal(6, preview.GetProperty("changes").GetArrayLength());
        Assert.Contains(preview.GetProperty("changes").EnumerateArray(), c => c.GetProperty("lastName").GetString() == "LAMBERT-DEMO" && c.GetProperty("action").GetString() == "created");
        Assert.Single(await RowsAsync(Annuaire.Vesoul)); // only the one typed by hand: a dry run writes nothing

        var report = await (await app.Coordinator().ImportAsync(Annuaire.Text(), postalCodes: "70000, 70170")).ShouldBe(HttpStatusCode.OK);
        report.ShouldCount(created: 5, updated: 1, unchanged: 0);
        Assert.Equal(1, report.GetProperty("ignored").GetInt32()); // the dentist
        Assert.Equal([9, 10, 11], report.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("line").GetInt32()));

        var rows = await RowsAsync(Annuaire.Vesoul);
        Assert.Equal(6, rows.Count);
        var byRpps = rows.ToDictionary(r => (string)r.rpps);
        // The libéral activity's practice wins over the hospital.
        Assert.Equal(["generalist", "Cabinet médical du Centre", "12 Rue Gambetta", "0384761010", "70550", "Vesoul"],
            Columns(byRpps, Annuaire.Lambert, "profession", "practice_name", "practice_address", "practice_phone", "commune_code", "city"));
        // The person's own phone is not the practice's.
        Assert.Equal(["nurse", "GIRARD-DEMO", "0611223344", "5 bis Avenue Aristide Briand"],
            Columns(byRpps, Annuaire.Girard, "profession", "last_name", "phone", "practice_address"));
        Assert.Equal("physiotherapist", byRpps[Annuaire.Roussel].profession);
        Assert.Equal(["other", "Cardiologie et maladies vasculaires"], Columns(byRpps, Annuaire.Morel, "profession", "specialty"));
        Assert.Equal("midwife", byRpps[Annuaire.Perrin].profession);
        Assert.Equal("speech-therapist", byRpps[Annuaire.Chevalier].profession);
        Assert.Empty(await RowsAsync(Annuaire.Faure, Annuaire.Mercier));

        var again = await (await app.Coordinator().ImportAsync(Annuaire.Text(), postalCodes: "70000,70170")).ShouldBe(HttpStatusCode.OK);
        again.ShouldCount(created: 0, updated: 0, unchanged: 6);
        Assert.Empty(again.GetProperty("changes").EnumerateArray());

        var moved = Annuaire.Text().Replace("0384751212", "0384751299", StringComparison.Ordinal);
        var updated = await (await app.Coordinator().ImportAsync(moved, postalCodes: "70000,70170")).ShouldBe(HttpStatusCode.OK);
        updated.ShouldCount(created: 0, updated: 1, unchanged: 5);
        Assert.Equal(Annuaire.Girard, Assert.Single(updated.GetProperty("changes").EnumerateArray()).GetProperty("rpps").GetString());
        Assert.Equal("0384751299", (string)(await RowsAsync(Annuaire.Girard)).Single().practice_phone);
        Assert.Equal(6, (await RowsAsync(Annuaire.Vesoul)).Count);
    }

    [Fact]
    public async Task Skipped_lines_say_why_without_echoing_more_than_an_identifier()
    {
        var report = await (await app.Coordinator().ImportAsync(Annuaire.Text(), postalCodes: "70000", dryRun: true)).ShouldBe(HttpStatusCode.OK);
        var reasons = report.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("line").GetInt32(), s => s.GetProperty("reason").GetString()!);
        Assert.Contains("Luhn", reasons[9]);
        Assert.Contains("ADELI", reasons[10]);
        Assert.Contains("fewer fields", reasons[11]);
        Assert.Equal(3, report.GetProperty("skippedTotal").GetInt32());
        Assert.All(reasons.Values, r => Assert.DoesNotContain("ERREUR", r));
    }

    [Fact]
    public async Task A_bad_file_or_form_is_400_naming_the_field_and_writes_nothing()
    {
        var csv = "RPPS;Nom;Prénom\n10000001007;LAMBERT;Sophie\n";
        var wrong = await (await app.Coordinator().ImportAsync(csv, postalCodes: "70000")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("file", out _));
        var empty = await (await app.Coordinator().ImportAsync("", postalCodes: "70000")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("file", out _));

        var noTerritory = await (await app.Coordinator().ImportAsync(Annuaire.Text())).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(noTerritory.GetProperty("errors").TryGetProperty("postalCodes", out _));
        var badCodes = await (await app.Coordinator().ImportAsync(Annuaire.Text(), postalCodes: "7000", communes: "ABCDE")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(badCodes.GetProperty("errors").TryGetProperty("postalCodes", out _));
        Assert.True(badCodes.GetProperty("errors").TryGetProperty("communes", out _));
        var badDryRun = await (await app.Coordinator().ImportAsync(Annuaire.Text(), postalCodes: "70000", dryRun: null)).ShouldBe(HttpStatusCode.OK);
        Assert.False(badDryRun.GetProperty("dryRun").GetBoolean());

        using var noFile = new MultipartFormDataContent { { new StringContent("70000"), "postalCodes" } };
        var missing = await (await app.Coordinator().PostAsync("/api/practitioners/import", noFile)).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("file", out _));
        // Not a form at all: the route accepts multipart/form-data only.
        await (await app.Coordinator().PostJsonAsync("/api/practitioners/import", new { postalCodes = "70000" })).ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Only_the_coordinator_imports()
    {
        await (await app.As("nurse", Guid.NewGuid()).ImportAsync(Annuaire.Text(), postalCodes: "70000")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().ImportAsync(Annuaire.Text(), postalCodes: "70000")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().ImportAsync(Annuaire.Text(), postalCodes: "70000")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_body_over_the_import_limit_is_413_before_it_is_read()
    {
        var content = new ByteArrayContent(new byte[16]);
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data") { Parameters = { new NameValueHeaderValue("boundary", "x") } };
        content.Headers.ContentLength = 65L * 1024 * 1024;
        var problem = await (await app.Coordinator().PostAsync("/api/practitioners/import", content)).ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65536 KB", problem.GetProperty("detail").GetString());
    }
}
