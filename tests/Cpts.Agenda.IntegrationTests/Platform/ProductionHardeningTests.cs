using Microsoft.AspNetCore.Mvc.Testing;

namespace Cpts.Agenda.IntegrationTests.Platform;

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
