namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

public sealed class DemoShiftsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly Guid Mmg = Guid.Parse("00000000-0000-4000-8000-000000000105");

    [Fact]
    public async Task The_demo_MMG_has_a_two_week_roster_with_gaps_and_a_restart_adds_no_duplicate()
    {
        var today = app.Today();
        var url = $"/api/shifts/coverage?siteId={Mmg}&from={Http.Iso(today)}&to={Http.Iso(today.AddDays(13))}";
        var coverage = await (await app.Coordinator().GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        var total = coverage.GetProperty("total").GetInt32();
        Assert.InRange(total, 14, 14 * 2);
        Assert.InRange(coverage.GetProperty("assigned").GetInt32(), 1, total - 1);
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM shifts");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var restarted = app.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Server; // seeds again on the same database
        }
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM shifts"));
    }
}
