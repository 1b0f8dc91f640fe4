namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class CallCentreRateLimitTests(ShippedLimitsApp app) : IClassFixture<ShippedLimitsApp>
{
    // A malformed query: the limiters count it before the endpoint refuses it (400), so the test costs no database work.
    private const string Search = "/api/availability?limit=not-a-number";

    [Fact]
    public async Task Thirty_regulators_behind_one_address_are_never_refused_while_one_abusive_token_is()
    {
        var abusive = app.As("regulator", subject: "regulator-abusive");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 601; i++) statuses.Add((await abusive.GetAsync(Search)).StatusCode);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(600));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        var refused = 0;
        for (var r = 0; r < 30; r++)
        {
            var regulator = app.As("regulator", subject: $"call-centre-{r}");
            for (var i = 0; i < 60; i++)
                if ((await regulator.GetAsync(Search)).StatusCode == HttpStatusCode.TooManyRequests) refused++;
        }
        Assert.Equal(0, refused);
        await (await abusive.GetAsync(Search)).ShouldBe(HttpStatusCode.TooManyRequests); // still refused
    }
}
