using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.IntegrationTests.Platform;

internal static class SecurityHeaders
{
    public static void AssertPresent(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }
}

public sealed class SecurityHeadersTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_Development_sends_no_HSTS()
    {
        var answers = new[]
        {
            await app.Coordinator().GetAsync("/api/practitioners"),
            await app.CreateClient().GetAsync("/health/live"),
            await app.CreateClient().GetAsync("/api/practitioners"), // 401
            await app.Coordinator().GetAsync($"/api/slots/{Guid.NewGuid()}"), // 404 problem
            await app.CreateClient().GetAsync("/ical/unknown.ics"),
        };
        Assert.All(answers, SecurityHeaders.AssertPresent);
        Assert.All(answers, r => Assert.False(r.Headers.Contains("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Refusals_written_by_the_framework_say_why_like_the_handlers_do()
    {
        var forbidden = await (await app.As("secretary").GetAsync("/api/audit")).ShouldBe(HttpStatusCode.Forbidden); // a role policy
        Assert.False(string.IsNullOrWhiteSpace(forbidden.GetProperty("detail").GetString()));
        var unauthorized = await (await app.CreateClient().GetAsync("/api/practitioners")).ShouldBe(HttpStatusCode.Unauthorized);
        Assert.False(string.IsNullOrWhiteSpace(unauthorized.GetProperty("detail").GetString()));
    }

    [Fact]
    public void Kestrel_sends_no_Server_header()
    {
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}

/// <summary>
/// Production settings, with tokens signed by the development key so that the test can call the API
/// (the configured authority is not reachable from a test).
/// </summary>
public sealed class ProductionHardeningApp : AgendaApp
{
    public const string PublicBaseUrl = "https://agenda.cpts-test.fr";

    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Authority"] = "https://auth.example.invalid/realms/cpts",
        ["Auth:Audience"] = "cpts-agenda",
        ["Agenda:PublicBaseUrl"] = PublicBaseUrl,
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.ConfigurationManager = null;
            o.TokenValidationParameters.ValidIssuer = Auth.DevIssuer;
            o.TokenValidationParameters.ValidAudience = Auth.DevAudience;
            o.TokenValidationParameters.IssuerSigningKey = Auth.DevKey(Configuration);
        });
}

public sealed class ProductionHardeningTests(ProductionHardeningApp app) : IClassFixture<ProductionHardeningApp>
{
    [Fact]
    public async Task A_feed_URL_is_built_from_Agenda_PublicBaseUrl_never_from_the_Host_header()
    {
        var gp = await app.NewPractitionerAsync();
        var client = app.Practitioner(gp.Id);
        client.DefaultRequestHeaders.Host = "evil.example";
        var feed = await (await client.PostJsonAsync("/api/feeds", new { scope = "practitioner", id = gp.Id })).ShouldBe(HttpStatusCode.Created);
        var url = feed.GetProperty("url").GetString()!;
        Assert.StartsWith($"{ProductionHardeningApp.PublicBaseUrl}/ical/", url);
        Assert.DoesNotContain("evil", url);
    }

    [Fact]
    public async Task HTTPS_answers_carry_HSTS_and_the_security_headers()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(ProductionHardeningApp.PublicBaseUrl) });
        var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        SecurityHeaders.AssertPresent(response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("agenda.example.org")]
    [InlineData("https://agenda.example.org/?x=1")]
    public void Start_up_refuses_a_missing_or_malformed_public_base_URL_outside_Development(string value)
    {
        using var factory = app.WithWebHostBuilder(b => b.UseSetting("Agenda:PublicBaseUrl", value));
        var e = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Agenda:PublicBaseUrl", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_refuses_a_known_proxy_that_is_not_an_address()
    {
        using var factory = app.WithWebHostBuilder(b => b.UseSetting("ForwardedHeaders:KnownProxies:0", "proxy.example.org"));
        var e = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("ForwardedHeaders:KnownProxies", e.ToString(), StringComparison.Ordinal);
    }
}
