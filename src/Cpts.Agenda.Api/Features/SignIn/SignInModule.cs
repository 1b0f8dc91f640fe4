using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>
/// Sign-in to the pages: Pro Santé Connect (practitioners, regulators: e-CPS or CPS card) and a
/// generic staff OpenID Connect provider (coordinator, MMG secretary), each registered only when
/// configured; in Development, the demo people with one click. Whoever signs in is mapped to a
/// member of this CPTS (<see cref="SignInMembers"/>); the session is the page cookie. MapSignIn maps the
/// routes listed in <see cref="SignInEndpoints"/>.
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

    public static IEndpointRouteBuilder MapSignIn(this WebApplication app) =>
        SignInEndpoints.Map(app, app.Services.GetRequiredService<Providers>(), app.Environment.IsDevelopment());
}
