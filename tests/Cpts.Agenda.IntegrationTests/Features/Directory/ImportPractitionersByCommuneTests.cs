using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Directory;

/// <summary>A territory given by INSEE commune codes (its own database: the other class imports Vesoul).</summary>
public sealed class ImportPractitionersByCommuneTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Communes_select_the_lines_of_their_INSEE_codes()
    {
        var report = await (await app.Coordinator().ImportAsync(Annuaire.Text(), communes: "70310,70388")).ShouldBe(HttpStatusCode.OK);
        report.ShouldCount(created: 2, updated: 0, unchanged: 0);
        Assert.Equal([Annuaire.Faure, Annuaire.Perrin],
            report.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("rpps").GetString()).Order());
        await using var c = await app.OpenAsync();
        Assert.Equal("pharmacist", await c.ExecuteScalarAsync<string>("SELECT profession FROM practitioners WHERE rpps = @R", new { R = Annuaire.Faure }));
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM practitioners"));
        // The short line (11) has no place: it is reported whatever the territory.
        Assert.Equal([11], report.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("line").GetInt32()));
    }
}
