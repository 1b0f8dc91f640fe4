namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class ListFeedsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task A_practitioner_lists_her_feeds_without_their_secret_url_and_a_colleague_does_not_see_them()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Abonnée");
        var phone = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var laptop = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var byCoordinator = await app.Coordinator().CreateFeedAsync("practitioner", gp.Id);
        var colleague = await app.NewPractitionerAsync();
        var colleagues = await app.Practitioner(colleague.Id).CreateFeedAsync("practitioner", colleague.Id);

        var page = await (await app.Practitioner(gp.Id).GetAsync("/api/feeds")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([phone.Id, laptop.Id, byCoordinator.Id], page.ItemIds());
        var first = page.GetProperty("items")[0];
        Assert.Equal("practitioner", first.GetProperty("scope").GetString());
        Assert.Equal(gp.Id, first.GetProperty("scopeId").GetGuid());
        Assert.Equal("Alex Abonnée", first.GetProperty("scopeName").GetString());
        Assert.False(first.TryGetProperty("url", out _));
        var token = new Uri(phone.Url).Segments[^1].Replace(".ics", "", StringComparison.Ordinal);
        Assert.DoesNotContain(token, page.GetRawText(), StringComparison.Ordinal);

        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/feeds/{laptop.Id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal([phone.Id, byCoordinator.Id], (await (await app.Practitioner(gp.Id).GetAsync("/api/feeds")).ShouldBe(HttpStatusCode.OK)).ItemIds());
        Assert.Equal([colleagues.Id], (await (await app.Practitioner(colleague.Id).GetAsync("/api/feeds")).ShouldBe(HttpStatusCode.OK)).ItemIds());

        var all = (await (await app.Coordinator().GetAsync("/api/feeds?limit=500")).ShouldBe(HttpStatusCode.OK)).ItemIds();
        Assert.Contains(phone.Id, all);
        Assert.Contains(colleagues.Id, all);
        Assert.DoesNotContain(laptop.Id, all);
        await (await app.Regulator().GetAsync("/api/feeds")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
