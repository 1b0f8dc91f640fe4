using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>
/// Sign-in to the pages: Pro Santé Connect (practitioners, regulators: e-CPS or CPS card) and a
/// generic staff OpenID Connect provider (coordinator, MMG secretary), each registered only when
/// configured; in Development, the demo people with one click. Whoever signs in is mapped to a
/// member of this CPTS (<see cref="SignInMembers"/>); the session is the page cookie.
/// </summary>
public static class SignInModule
{
    public const string ProSanteConnect = "psc";
    public const string Staff = "staff";
    public const string Demo = "demo";

    public const string UnknownPath = "/connexion/inconnu";
    public const string NoRolePath = "/connexion/sans-role";
    public const string FailedPath = "/connexion/echec";

    /// <summary>The providers configured here, in the order the sign-in page offers them.</summary>
    public sealed record Providers(bool ProSanteConnect, string? StaffName, string Contact);

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var requireHttps = !builder.Environment.IsDevelopment();
        builder.Services.AddSingleton<SignInMembers>();
        var auth = builder.Services.AddAuthentication();

        var psc = config.GetSection("Auth:ProSanteConnect");
        var hasPsc = !string.IsNullOrWhiteSpace(psc["Authority"]);
        if (hasPsc)
        {
            auth.AddOpenIdConnect(ProSanteConnect, "Pro Santé Connect", o =>
            {
                Configure(o, psc, ProSanteConnect, requireHttps, "openid scope_all");
                o.AdditionalAuthorizationParameters["acr_values"] = psc["AcrValues"] ?? "eidas1";
                // PSC gives the national identifier in its user info (and some tenants in the ID token).
                o.GetClaimsFromUserInfoEndpoint = psc.GetValue("UserInfo", true);
                o.ClaimActions.MapUniqueJsonKey(SignInMembers.NationalIdClaim, SignInMembers.NationalIdClaim);
            });
        }

        var staff = config.GetSection("Auth:Staff");
        var hasStaff = !string.IsNullOrWhiteSpace(staff["Authority"]);
        if (hasStaff)
        {
            auth.AddOpenIdConnect(Staff, staff["DisplayName"] ?? "Compte de la CPTS", o =>
            {
                Configure(o, staff, Staff, requireHttps, "openid profile email");
                o.GetClaimsFromUserInfoEndpoint = staff.GetValue("UserInfo", false);
                o.ClaimActions.MapUniqueJsonKey("email", "email");
                o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            });
        }

        builder.Services.AddSingleton(new Providers(hasPsc, hasStaff ? staff["DisplayName"] ?? "Compte de la CPTS" : null,
            config["Auth:Contact"] ?? "la coordination de votre CPTS"));
        return builder;
    }

    private static void Configure(OpenIdConnectOptions o, IConfigurationSection section, string scheme, bool requireHttps, string defaultScope)
    {
        o.SignInScheme = PageSession.Scheme;
        o.Authority = section["Authority"];
        o.ClientId = section["ClientId"];
        o.ClientSecret = section["ClientSecret"];
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.SaveTokens = false; // the session keeps who the member is, never the provider's tokens
        o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", requireHttps);
        o.CallbackPath = $"/signin-{scheme}";
        o.SignedOutCallbackPath = $"/signout-callback-{scheme}";
        o.Scope.Clear();
        foreach (var s in (section["Scope"] ?? defaultScope).Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(s);
        o.Events.OnTicketReceived = async context =>
        {
            var members = context.HttpContext.RequestServices.GetRequiredService<SignInMembers>();
            var (resolution, member) = await members.ResolveAsync(context.Principal!, scheme, context.HttpContext.RequestAborted);
            if (resolution == Resolution.SignedIn)
            {
                context.Principal = SignInMembers.PrincipalOf(member!, scheme);
                return;
            }
            context.HandleResponse();
            context.Response.Redirect(resolution == Resolution.NoRole ? NoRolePath : UnknownPath);
        };
        o.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect(FailedPath);
            return Task.CompletedTask;
        };
    }

    public static IEndpointRouteBuilder MapSignIn(this WebApplication app)
    {
        var providers = app.Services.GetRequiredService<Providers>();
        // Every sign-in and sign-out form carries its antiforgery token, even those binding no field.
        var antiforgery = new RequireAntiforgeryTokenAttribute();
        var group = app.MapGroup("/connexion").ExcludeFromDescription().WithMetadata(antiforgery);

        // Forms post here (antiforgery checked): the provider's page, then back to `retour`.
        if (providers.ProSanteConnect) group.MapPost("/psc", ([FromForm] string? retour) => Challenge(ProSanteConnect, retour));
        if (providers.StaffName is not null) group.MapPost("/staff", ([FromForm] string? retour) => Challenge(Staff, retour));

        if (app.Environment.IsDevelopment())
        {
            group.MapPost("/demo", async ([FromForm] Guid? membre, [FromForm] string? retour, SignInMembers members, HttpContext http) =>
            {
                if (membre is not { } id || await members.ByIdAsync(id, http.RequestAborted) is not { Role: not null } member)
                    return Results.Redirect(PageSession.SignInPath);
                await PageSession.SignInAsync(http, SignInMembers.PrincipalOf(member, Demo));
                return Results.LocalRedirect(PageSession.SafeReturn(retour));
            });
        }

        app.MapPost("/deconnexion", async (HttpContext http) =>
        {
            // Binds no form field, so the token is checked here (form binding checks it elsewhere).
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                return Results.Problem("The form's antiforgery token is missing or invalid.", statusCode: StatusCodes.Status400BadRequest);
            await PageSession.SignOutAsync(http);
            return Results.LocalRedirect($"{PageSession.SignInPath}?deconnecte=1");
        }).ExcludeFromDescription().WithMetadata(antiforgery);
        return app;
    }

    private static IResult Challenge(string scheme, string? returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = PageSession.SafeReturn(returnUrl) }, [scheme]);
}
