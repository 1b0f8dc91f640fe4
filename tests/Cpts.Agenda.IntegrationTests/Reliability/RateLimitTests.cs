namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class RateLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task Search_is_limited_per_token_with_429_and_Retry_After()
    {
        var first = app.As("regulator", subject: "regulator-busy");
        for (var i = 0; i < 3; i++) await (await first.GetAsync("/api/availability")).ShouldBe(HttpStatusCode.OK);
        var refused = await first.GetAsync("/api/availability");
        var problem = await refused.ShouldBe(HttpStatusCode.TooManyRequests);
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task A_feed_URL_is_limited_per_feed_token()
    {
        var gp = await app.NewPractitionerAsync();
        var feed = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/feeds", new { scope = "practitioner", id = gp.Id })).ShouldBe(HttpStatusCode.Created);
        var path = new Uri(feed.GetProperty("url").GetString()!).PathAndQuery;
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        var refused = await anonymous.GetAsync(path);
        await refused.ShouldBe(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Booking_is_limited_per_token()
    {
        var client = app.As("regulator", subject: "regulator-booker");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.PostJsonAsync("/api/bookings", Steps.Booking(Guid.NewGuid()))).StatusCode);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }
}
