using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.IntegrationTests.Platform;

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
