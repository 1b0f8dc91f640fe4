namespace Cpts.Agenda.IntegrationTests.Features.Audit;

public sealed class AuditOfOtherActionsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<List<string?>> Actions(string objectId)
    {
        var page = await (await app.Coordinator().GetAsync($"/api/audit?objectId={objectId}&limit=500")).ShouldBe(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
    }

    [Fact]
    public async Task Feed_creation_and_revocation_shift_assignment_and_swap_and_notification_reads_are_recorded()
    {
        var gp = await app.NewPractitionerAsync();
        var feed = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/feeds", new { scope = "practitioner", id = gp.Id })).ShouldBe(HttpStatusCode.Created);
        var feedId = feed.GetProperty("id").GetString()!;
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/feeds/{feedId}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(["feed.revoke", "feed.create"], await Actions(feedId));

        var mmg = await app.NewSiteAsync("mmg");
        var day = Http.Iso(Cpts.Agenda.Api.Infrastructure.Paris.LocalDate(app.Clock.GetUtcNow()).AddDays(20));
        var shifts = await (await app.Coordinator().PostJsonAsync($"/api/sites/{mmg.Id}/shifts/generate", new { from = day, to = day, profession = "generalist" })).ShouldBe(HttpStatusCode.Created);
        var shiftId = shifts.GetProperty("shifts")[0].GetProperty("id").GetString()!;
        var other = await app.NewPractitionerAsync();
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shiftId}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        var swap = await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/shifts/{shiftId}/swap-requests", new { toPractitionerId = other.Id })).ShouldBe(HttpStatusCode.Created);
        var swapId = swap.GetProperty("id").GetString()!;
        await (await app.Practitioner(other.Id).PostJsonAsync($"/api/swap-requests/{swapId}/accept", new { })).ShouldBe(HttpStatusCode.OK);
        // The swap request is asked on the shift's route, so it is recorded on the shift; its answer on the request.
        Assert.Equal(["shift.swap-request", "shift.assign"], await Actions(shiftId));
        Assert.Equal(["shift.swap-accept"], await Actions(swapId));

        await (await app.Coordinator().GetAsync($"/api/notifications?practitionerId={gp.Id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("notification.read", await Actions(gp.Id.ToString()));
    }
}
