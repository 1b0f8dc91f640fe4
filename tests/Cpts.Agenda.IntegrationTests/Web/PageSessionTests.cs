namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>The pages' foundation: French HTML at /, the Development sign-in, the cookie session beside the API's bearer tokens.</summary>
public sealed class PageSessionTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_home_page_is_french_html_served_by_the_service()
    {
        var response = await PageClient.For(app).Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Se connecter", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "")); // nothing from elsewhere
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/_framework/blazor.web.js")).StatusCode);
    }

    [Fact]
    public async Task The_not_found_page_is_french_and_an_unknown_api_route_stays_a_problem()
    {
        Assert.Contains("Page introuvable", await PageClient.For(app).HtmlAsync("/introuvable"));
        var api = await app.CreateClient().GetAsync("/api/pas-une-route");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Development_lists_the_members_and_signs_in_with_a_secure_lax_httponly_cookie()
    {
        var member = await app.NewMemberAsync(Roles.Regulator, "Régulatrice Listée");
        var browser = PageClient.For(app);
        Assert.Contains("Régulatrice Listée", System.Net.WebUtility.HtmlDecode(await browser.HtmlAsync("/connexion")));

        var response = await browser.PostFormAsync("/connexion", "/connexion/demo", [new("membre", member.ToString()), new("retour", "/")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PageSession.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase); // https request, even in Development

        var home = System.Net.WebUtility.HtmlDecode(await browser.HtmlAsync("/"));
        Assert.Contains("Bonjour Régulatrice Listée", home);
        Assert.Contains("Trouver un médecin", home);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var member = await app.NewMemberAsync(Roles.Regulator);
        var browser = PageClient.For(app);
        await browser.HtmlAsync("/connexion"); // has the antiforgery cookie, not the form field
        var response = await browser.Http.PostAsync("/connexion/demo", new FormUrlEncodedContent([new("membre", member.ToString())]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith(PageSession.CookieName, StringComparison.Ordinal));

        await browser.SignInAsync(member);
        var signOut = await browser.Http.PostAsync("/deconnexion", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Contains("Mes réservations", System.Net.WebUtility.HtmlDecode(await browser.HtmlAsync("/"))); // still signed in
    }

    [Fact]
    public async Task The_page_cookie_does_not_authorize_the_api_and_bearer_tokens_work_as_before()
    {
        var member = await app.NewMemberAsync(Roles.Coordinator);
        var browser = PageClient.For(app);
        await browser.SignInAsync(member);
        var withCookie = await browser.Http.GetAsync("/api/practitioners");
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Equal("application/problem+json", withCookie.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await app.Coordinator().GetAsync("/api/practitioners")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var member = await app.NewMemberAsync(Roles.Regulator);
        var browser = PageClient.For(app);
        await browser.SignInAsync(member);
        var response = await browser.PostFormAsync("/", "/deconnexion", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connexion?deconnecte=1", response.Headers.Location?.OriginalString);
        var home = System.Net.WebUtility.HtmlDecode(await browser.HtmlAsync("/"));
        Assert.DoesNotContain("Mes réservations", home);
        Assert.Contains("Se connecter", home);
    }
}
