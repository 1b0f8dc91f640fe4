namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class FeedCostTests(CountingFeedApp app) : IClassFixture<CountingFeedApp>
{
    [Fact]
    public async Task A_304_and_a_repeated_fetch_load_no_events_only_a_change_does()
    {
        var (gp, path) = await app.NewGpFeedAsync(2);
        var client = app.CreateClient();
        var loadsBefore = app.Counter.Loads;

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(loadsBefore + 1, app.Counter.Loads);

        for (var i = 0; i < 3; i++)
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode); // no validator: the rendered body is reused
        Assert.Equal(loadsBefore + 1, app.Counter.Loads);

        await app.PublishSlotAsync(gp, app.NextHour(4), mode: "teleconsultation");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(loadsBefore + 2, app.Counter.Loads);
    }
}
