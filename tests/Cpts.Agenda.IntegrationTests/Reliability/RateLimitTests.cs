using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class TightLimitsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:RateLimits:Enabled"] = "true",
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

/// <summary>
/// The shipped limits. A SAS call centre: 30 regulators behind one NAT (one address), each searching at a
/// sustained pace of one search a second. The service's clock stands still, so all of it falls in one window.
/// </summary>
public sealed class ShippedLimitsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Agenda:RateLimits:Enabled"] = "true" };
}

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

/// <summary>Behind a reverse proxy 10.0.0.1: X-Forwarded-For names the client, but only when the proxy is a known one.</summary>
public sealed class BehindProxyApp : AgendaApp
{
    public const string PeerHeader = "X-Test-Peer";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:RateLimits:Enabled"] = "true",
        ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        ["Agenda:RateLimits:SearchPerTokenPerMinute"] = "100",
        ["Agenda:RateLimits:SearchPerIpPerMinute"] = "2",
    };

    // The in-process server has no TCP peer: the test names the address the connection comes from.
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new PeerAddress());

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(peer.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

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
