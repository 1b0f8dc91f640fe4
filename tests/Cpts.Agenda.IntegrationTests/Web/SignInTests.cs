using System.Security.Claims;
using System.Text.RegularExpressions;
using Cpts.Agenda.Api.Features.SignIn;
using Microsoft.AspNetCore.Mvc.Testing;
using Resolution = Cpts.Agenda.Api.Features.SignIn.Resolution;

namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>
/// Sign-in through the real OpenID Connect handler against the stand-in provider: code flow with
/// PKCE, PSC's scope and acr_values, the national identifier mapped to a member, the role from the
/// agenda's members table; unknown people and members without a role get French pages; the session
/// ends on sign-out and expiry and a tampered cookie opens nothing.
/// </summary>
public sealed partial class SignInTests(SignInApp app) : IClassFixture<SignInApp>
{
    /// <summary>The browser's round trip: our sign-in button, the provider's page, the form_post back to us.</summary>
    private async Task<HttpResponseMessage> SignInThroughAsync(PageClient browser, string provider, string returnTo = "/")
    {
        var start = await browser.PostFormAsync("/connexion", $"/connexion/{provider}", [new("retour", returnTo)]);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(app.Provider.Issuer + "/authorize", authorize.ToString(), StringComparison.Ordinal);

        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await (await outside.GetAsync(authorize)).Content.ReadAsStringAsync();
        var action = new Uri(WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value));
        var fields = HiddenField().Matches(page).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));
        return await browser.Http.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields));
    }

    private static bool SetsSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) &&
        cookies.Any(c => c.StartsWith(PageSession.CookieName + "=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_practitioner_signs_in_with_Pro_Sante_Connect_and_gets_the_role_of_the_members_table()
    {
        var practitioner = await app.NewPractitionerAsync(lastName: "Pscienne");
        await app.NewMemberAsync(Roles.Practitioner, "Dr Alex Pscienne", practitionerId: practitioner.Id);
        app.Provider.NextUser = StandInProvider.Practitioner(practitioner.Rpps);
        var browser = PageClient.For(app);

        var back = await SignInThroughAsync(browser, "psc", "/connexion/echec");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/connexion/echec", back.Headers.Location?.OriginalString); // where the sign-in was asked from
        Assert.True(SetsSession(back));
        var auth = app.Provider.LastAuthorization!;
        Assert.Equal("openid scope_all", auth["scope"]);
        Assert.Equal("eidas1", auth["acr_values"]);
        Assert.Equal("S256", auth["code_challenge_method"]);
        Assert.Equal("code", auth["response_type"]);

        var home = WebUtility.HtmlDecode(await browser.HtmlAsync("/"));
        Assert.Contains("Bonjour Dr Alex Pscienne (praticien·ne)", home);
    }

    [Fact]
    public async Task Someone_Pro_Sante_Connect_knows_but_the_CPTS_does_not_gets_a_page_saying_whom_to_ask()
    {
        app.Provider.NextUser = StandInProvider.Practitioner(AgendaApp.NewRpps()); // a valid RPPS nobody here has
        var browser = PageClient.For(app);
        var back = await SignInThroughAsync(browser, "psc");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(SignInModule.UnknownPath, back.Headers.Location?.OriginalString);
        Assert.False(SetsSession(back));
        var page = WebUtility.HtmlDecode(await browser.HtmlAsync(SignInModule.UnknownPath));
        Assert.Contains("Mme Coordinatrice (coordination@cpts.invalid)", page);
        Assert.Contains("Se connecter", WebUtility.HtmlDecode(await browser.HtmlAsync("/"))); // not signed in
    }

    [Fact]
    public async Task A_practitioner_known_in_the_directory_but_not_a_member_is_unknown_too()
    {
        var practitioner = await app.NewPractitionerAsync(); // in the directory, no member row
        app.Provider.NextUser = StandInProvider.Practitioner(practitioner.Rpps);
        var back = await SignInThroughAsync(PageClient.For(app), "psc");
        Assert.Equal(SignInModule.UnknownPath, back.Headers.Location?.OriginalString);
        Assert.False(SetsSession(back));
    }

    [Fact]
    public async Task A_member_without_a_role_is_told_the_role_is_still_to_be_given()
    {
        var rpps = AgendaApp.NewRpps();
        await app.NewMemberAsync(null, "Sans Rôle", nationalId: "8" + rpps);
        app.Provider.NextUser = StandInProvider.Practitioner(rpps);
        var browser = PageClient.For(app);
        var back = await SignInThroughAsync(browser, "psc");
        Assert.Equal(SignInModule.NoRolePath, back.Headers.Location?.OriginalString);
        Assert.False(SetsSession(back));
        Assert.Contains("aucun rôle", WebUtility.HtmlDecode(await browser.HtmlAsync(SignInModule.NoRolePath)));
    }

    [Fact]
    public async Task Staff_sign_in_maps_the_e_mail_to_a_member_without_case_and_refuses_an_unverified_one()
    {
        var email = $"secretariat.{Guid.NewGuid():N}@cpts.invalid";
        await app.NewMemberAsync(Roles.Secretary, "Secrétaire Staff", email: email);
        app.Provider.NextUser = StandInProvider.StaffMember(email.ToUpperInvariant());
        var browser = PageClient.For(app);
        var back = await SignInThroughAsync(browser, "staff");
        Assert.True(SetsSession(back));
        Assert.Contains("Bonjour Secrétaire Staff (secrétariat MMG)", WebUtility.HtmlDecode(await browser.HtmlAsync("/")));

        app.Provider.NextUser = StandInProvider.StaffMember(email, verified: false);
        var unverified = await SignInThroughAsync(PageClient.For(app), "staff");
        Assert.Equal(SignInModule.UnknownPath, unverified.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Mapping_prefers_the_national_id_written_on_a_member_and_never_takes_a_role_from_the_provider()
    {
        var members = app.Services.GetRequiredService<SignInMembers>();
        var practitioner = await app.NewPractitionerAsync();
        var asPractitioner = await app.NewMemberAsync(Roles.Practitioner, "Par RPPS", practitionerId: practitioner.Id);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(SignInMembers.NationalIdClaim, "8" + practitioner.Rpps), new Claim("role", Roles.Coordinator)]));
        var (resolution, member) = await members.ResolveAsync(principal, SignInModule.ProSanteConnect);
        Assert.Equal(Resolution.SignedIn, resolution);
        Assert.Equal(asPractitioner, member!.Id);
        Assert.Equal(Roles.Practitioner, member.Role); // the provider's "role" claim is ignored

        var regulatorId = "8" + AgendaApp.NewRpps();
        var regulator = await app.NewMemberAsync(Roles.Regulator, "Par identifiant national", nationalId: regulatorId);
        var (_, byNationalId) = await members.ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(SignInMembers.NationalIdClaim, regulatorId)])), SignInModule.ProSanteConnect);
        Assert.Equal(regulator, byNationalId!.Id);

        var (none, _) = await members.ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "x@y.invalid")])), SignInModule.ProSanteConnect);
        Assert.Equal(Resolution.Unknown, none); // PSC without SubjectNameID: nobody
    }

    [Fact]
    public async Task An_expired_session_signs_the_person_out()
    {
        var practitioner = await app.NewPractitionerAsync();
        await app.NewMemberAsync(Roles.Practitioner, "Session Longue", practitionerId: practitioner.Id);
        app.Provider.NextUser = StandInProvider.Practitioner(practitioner.Rpps);
        var browser = PageClient.For(app);
        Assert.True(SetsSession(await SignInThroughAsync(browser, "psc")));
        Assert.Contains("Bonjour Session Longue", WebUtility.HtmlDecode(await browser.HtmlAsync("/")));

        app.Clock.Advance(TimeSpan.FromHours(11)); // past the 10-hour session
        Assert.Contains("Se connecter", WebUtility.HtmlDecode(await browser.HtmlAsync("/")));
        Assert.DoesNotContain("Bonjour Session Longue", WebUtility.HtmlDecode(await browser.HtmlAsync("/")));
    }

    [Fact]
    public async Task A_tampered_session_cookie_opens_nothing()
    {
        var member = await app.NewMemberAsync(Roles.Coordinator, "Coordinatrice Cookie");
        var browser = PageClient.For(app);
        var signIn = await browser.PostFormAsync("/connexion", "/connexion/demo", [new("membre", member.ToString())]);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PageSession.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        var bare = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        async Task<string> HomeWith(string c)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", c);
            return WebUtility.HtmlDecode(await (await bare.SendAsync(request)).Content.ReadAsStringAsync());
        }
        Assert.Contains("Bonjour Coordinatrice Cookie", await HomeWith(cookie)); // the genuine cookie works
        var value = cookie[(PageSession.CookieName.Length + 1)..];
        var flipped = value[..^5] + (value[^5] == 'A' ? 'B' : 'A') + value[^4..];
        var tampered = await HomeWith($"{PageSession.CookieName}={flipped}");
        Assert.DoesNotContain("Bonjour", tampered);
        Assert.Contains("Se connecter", tampered);
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"/>")]
    private static partial Regex HiddenField();
}
