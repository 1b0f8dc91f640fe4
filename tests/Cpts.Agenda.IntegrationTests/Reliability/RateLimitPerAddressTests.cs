namespace Cpts.Agenda.IntegrationTests.Reliability;

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
