using System.Net;
using Cpts.Agenda.IntegrationTests.Infrastructure;

namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class TightLimitsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:RateLimits:SearchPerTokenPerMinute"] = "3",
        ["Agenda:RateLimits:SearchPerIpPerMinute"] = "6",
        ["Agenda:RateLimits:BookingPerTokenPerMinute"] = "2",
        ["Agenda:RateLimits:BookingPerIpPerMinute"] = "100",
        ["Agenda:RateLimits:FeedPerTokenPerMinute"] = "2",
    };
}

public sealed class RateLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task Search_is_limited_per_token_with_429_and_Retry_After()
    {
        var first = app.As("regulator", subject: "regulator-busy");
        for (var i = 0; i < 3; i++) await (await first.GetAsync("/api/availability")).ShouldBe(HttpStatusCode.OK);
        var refused = await first.GetAsync("/api/availability");
        await refused.ShouldBe(HttpStatusCode.TooManyRequests);
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

/// <summary>A fresh app: its per-address allowance is untouched.</summary>
public sealed class RateLimitPerAddressTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task Search_is_limited_per_address_whatever_the_token()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await app.As("regulator", subject: $"regulator-{i}").GetAsync("/api/availability")).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
    }
}
