namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

public sealed class DayRosterTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_secretary_sees_each_MMG_site_with_who_is_on_duty_and_their_phone_and_the_open_shifts()
    {
        var (site, shifts, tomorrowEvening, _) = await app.RosterWithOneEveningAssignedAsync(1, "Garde", "0612345678");
        var today = app.Today();

        var body = await (await app.As("secretary").GetAsync($"/api/shifts/roster?date={Http.Iso(today)}")).ShouldBe(HttpStatusCode.OK);
        var days = body.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal([Http.Iso(today), Http.Iso(today.AddDays(1))], days.Select(d => d.GetProperty("date").GetString()));
        var tomorrow = days[1].GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("siteId").GetGuid() == site.Id);
        var items = tomorrow.GetProperty("shifts").EnumerateArray().ToList();
        Assert.Equal(shifts.Count(s => s.GetProperty("date").GetString() == Http.Iso(today.AddDays(1))), items.Count);
        var assigned = items.Single(s => s.Id() == tomorrowEvening.Id());
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        Assert.Equal("Alex Garde", assigned.GetProperty("assigneeName").GetString());
        Assert.Equal("0612345678", assigned.GetProperty("assigneePhone").GetString());
        Assert.All(items.Where(s => s.Id() != tomorrowEvening.Id()), s => Assert.Equal("open", s.GetProperty("status").GetString()));
        Assert.DoesNotContain("patient", body.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bad_days_are_400_and_other_roles_403()
    {
        var problem = await (await app.As("secretary").GetAsync("/api/shifts/roster?date=tomorrow")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _));
        await (await app.As("secretary").GetAsync("/api/shifts/roster?days=30")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Regulator().GetAsync("/api/shifts/roster")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As("nurse", Guid.NewGuid()).GetAsync("/api/shifts/roster")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
