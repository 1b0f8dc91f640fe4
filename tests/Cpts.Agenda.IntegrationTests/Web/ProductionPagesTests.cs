using Cpts.Agenda.IntegrationTests.Platform;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>Outside Development: no demo sign-in, and the session cookie is Secure whatever the request.</summary>
public sealed class ProductionPagesTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task The_demo_people_and_their_sign_in_do_not_exist_outside_Development()
    {
        var member = await app.NewMemberAsync(Roles.Regulator, "Régulateur Caché");
        var browser = PageClient.For(app);
        var html = WebUtility.HtmlDecode(await browser.HtmlAsync("/connexion"));
        Assert.DoesNotContain("Régulateur Caché", html);
        Assert.DoesNotContain("/connexion/demo", html);

        var response = await browser.Http.PostAsync("/connexion/demo", new FormUrlEncodedContent([new("membre", member.ToString())]));
        Assert.False(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"got {response.StatusCode}");
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith(PageSession.CookieName, StringComparison.Ordinal));
    }

    [Fact]
    public void The_session_and_antiforgery_cookies_are_always_secure()
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PageSession.Scheme).Cookie;
        Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        var antiforgery = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value.Cookie;
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.SecurePolicy);
    }
}
