namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

/// <summary>The roster list and the coverage figures of the coordinator and the MMG secretary.</summary>
public sealed class ShiftRosterTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    /// <summary>A new MMG with a week of shifts starting two days ahead; the first two are assigned.</summary>
    private async Task<(Guid Site, DateOnly From, DateOnly To, Guid[] Shifts)> WeekAsync()
    {
        var site = await app.NewSiteAsync("mmg");
        var from = app.Today().AddDays(2);
        var to = from.AddDays(6);
        var shifts = await app.GenerateAsync(site.Id, from, to);
        foreach (var shift in shifts.Take(2))
        {
            var gp = await app.NewPractitionerAsync();
            await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        }
        return (site.Id, from, to, shifts.Select(s => s.Id()).ToArray());
    }

    [Fact]
    public async Task Coverage_counts_the_shifts_and_lists_the_open_ones_soonest_first()
    {
        var (site, from, to, shifts) = await WeekAsync();
        var url = $"/api/shifts/coverage?siteId={site}&from={Http.Iso(from)}&to={Http.Iso(to)}";
        foreach (var client in new[] { app.Coordinator(), app.As(Roles.Secretary) })
        {
            var coverage = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(shifts.Length, coverage.GetProperty("total").GetInt32());
            Assert.Equal(2, coverage.GetProperty("assigned").GetInt32());
            var open = coverage.GetProperty("open").EnumerateArray().ToList();
            Assert.Equal(shifts.Skip(2), open.Select(s => s.Id()));
            Assert.All(open, s => Assert.Equal("open", s.GetProperty("status").GetString()));
            Assert.Equal(open.Select(s => s.Instant("start")).Order(), open.Select(s => s.Instant("start")));
        }
        // A narrower window counts only its own shifts.
        var oneDay = await (await app.Coordinator().GetAsync($"/api/shifts/coverage?siteId={site}&from={Http.Iso(to)}&to={Http.Iso(to)}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, oneDay.GetProperty("assigned").GetInt32());
        Assert.InRange(oneDay.GetProperty("total").GetInt32(), 1, 2);
    }

    [Fact]
    public async Task The_roster_and_coverage_name_the_site_and_the_assignee()
    {
        var (siteId, evening) = await app.EveningShiftAsync(daysAhead: 9);
        var gp = await app.NewPractitionerAsync(lastName: "Degarde");
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{evening.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);

        var roster = await (await app.As(Roles.Secretary).GetAsync($"/api/shifts?siteId={siteId}")).ShouldBe(HttpStatusCode.OK);
        var assigned = roster.GetProperty("items").EnumerateArray().Single(s => s.Id() == evening.Id());
        Assert.Equal("Alex Degarde", assigned.GetProperty("assignee").GetProperty("name").GetString());
        Assert.Equal("generalist", assigned.GetProperty("assignee").GetProperty("profession").GetString());
        Assert.Equal("1 rue de Test", assigned.GetProperty("site").GetProperty("address").GetString());
        Assert.Equal("03 84 00 00 00", assigned.GetProperty("site").GetProperty("phone").GetString());
        var one = await (await app.As(Roles.Secretary).GetAsync($"/api/shifts/{evening.Id()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Alex Degarde", one.GetProperty("assignee").GetProperty("name").GetString());

        var coverage = await (await app.Coordinator().GetAsync($"/api/shifts/coverage?siteId={siteId}&from={Http.Iso(app.Today())}&to={Http.Iso(app.Today().AddDays(10))}"))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Vesoul", coverage.GetProperty("site").GetProperty("city").GetString());
        Assert.All(coverage.GetProperty("open").EnumerateArray(), s => Assert.Equal("70000", s.GetProperty("site").GetProperty("postalCode").GetString()));
    }

    [Fact]
    public async Task Coverage_is_for_the_coordinator_and_the_secretary_only()
    {
        var site = await app.NewSiteAsync("mmg");
        var gp = await app.NewPractitionerAsync();
        await (await app.Practitioner(gp.Id).GetAsync($"/api/shifts/coverage?siteId={site.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().GetAsync($"/api/shifts/coverage?siteId={site.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Nurse, gp.Id).GetAsync($"/api/shifts/coverage?siteId={site.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().GetAsync("/api/shifts/coverage")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Coordinator().GetAsync($"/api/shifts/coverage?siteId={site.Id}&from=2027-02-10&to=2027-02-01")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Coordinator().GetAsync($"/api/shifts/coverage?siteId={Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        var empty = await (await app.As(Roles.Secretary).GetAsync($"/api/shifts/coverage?siteId={site.Id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_roster_filters_by_site_status_and_profession_and_pages_without_repeats()
    {
        var (site, from, to, shifts) = await WeekAsync();
        var gp = await app.NewPractitionerAsync();
        var client = app.Practitioner(gp.Id);
        var range = $"siteId={site}&from={Http.Iso(from)}&to={Http.Iso(to)}";

        var assigned = await (await client.GetAsync($"/api/shifts?{range}&status=assigned")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(shifts.Take(2), assigned.GetProperty("items").EnumerateArray().Select(s => s.Id()));
        var physio = await (await client.GetAsync($"/api/shifts?{range}&profession=physiotherapist")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, physio.GetProperty("items").GetArrayLength());

        var open = await client.PagesAsync($"/api/shifts?{range}&status=open&limit=3");
        Assert.Equal(shifts.Skip(2), open.SelectMany(Http.ItemIds));

        await (await client.GetAsync($"/api/shifts?{range}&status=closed")).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/shifts?from=yesterday")).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/shifts?from=0001-01-01")).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/shifts?to=9999-12-31")).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/shifts?from=0001-01-01T00:00")).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/shifts?cursor=nonsense")).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/shifts?limit=0")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.CreateClient().GetAsync("/api/shifts")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
