namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class ForwardedHeadersTests(BehindProxyApp app) : IClassFixture<BehindProxyApp>
{
    private async Task<HttpStatusCode> SearchAsync(string peer, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/availability?limit=x");
        request.Headers.Authorization = new("Bearer", Cpts.Agenda.Api.Infrastructure.Auth.Issue(app.Configuration, "regulator", null, $"regulator-{Guid.NewGuid():N}"));
        request.Headers.Add(BehindProxyApp.PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Clients_behind_a_known_proxy_have_their_own_address_limit_and_a_spoofed_header_is_ignored()
    {
        // Through the known proxy: each client address its own bucket of 2.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SearchAsync("10.0.0.1", "203.0.113.7"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SearchAsync("10.0.0.1", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync("10.0.0.1", "203.0.113.7"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SearchAsync("10.0.0.1", "198.51.100.1, 203.0.113.8"));

        // From an unknown peer the header is not believed: every request counts against the peer itself.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SearchAsync("192.0.2.50", "203.0.113.20"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SearchAsync("192.0.2.50", "203.0.113.21"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync("192.0.2.50", "203.0.113.22"));
    }
}
