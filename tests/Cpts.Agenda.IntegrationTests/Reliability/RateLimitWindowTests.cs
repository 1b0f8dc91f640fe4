namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>Windows follow the service's clock, so counts are exact whatever the machine's speed.</summary>
public sealed class RateLimitWindowTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task A_window_ends_by_the_service_clock_not_by_the_machine_clock()
    {
        var client = app.As("regulator", subject: "regulator-window");
        for (var i = 0; i < 3; i++) await (await client.GetAsync("/api/availability")).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        var refused = await client.GetAsync("/api/availability");
        await refused.ShouldBe(HttpStatusCode.TooManyRequests);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single()); // one second of the service's minute left

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await client.GetAsync("/api/availability")).ShouldBe(HttpStatusCode.OK);
    }
}
