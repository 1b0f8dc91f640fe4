using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// The pages' session: a data-protected cookie (HttpOnly, SameSite=Lax, Secure outside Development)
/// holding who the member is and their role in this CPTS, the same claims a bearer token carries
/// (<c>sub</c>, <c>role</c>, <c>practitioner_id</c>), so <see cref="Caller.From"/> and the role
/// policies read both alike.
/// </summary>
public static class PageSession
{
    public const string Scheme = "PageCookie";
    public const string CookieName = ".Cpts.Agenda.Session";
    public const string SignInPath = "/connexion";
    public const string DeniedPath = "/acces-refuse";

    public static WebApplicationBuilder AddPageSession(this WebApplicationBuilder builder)
    {
        var isDev = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = isDev ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = DeniedPath;
            o.ReturnUrlParameter = "retour";
            o.SlidingExpiration = true;
        });
        builder.Services.AddOptions<PageSessionOptions>().Bind(builder.Configuration.GetSection(PageSessionOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PageSessionOptions>, PageSessionOptions.Validator>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<PageSessionOptions>>((o, session) => o.ExpireTimeSpan = TimeSpan.FromHours(session.Value.Hours));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Cpts.Agenda.Antiforgery";
            o.Cookie.SecurePolicy = isDev ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.FormFieldName = "__jeton";
        });
        return builder;
    }

    /// <summary>The session's principal: the claims a bearer token carries, plus the name shown.</summary>
    public static ClaimsPrincipal Principal(Guid memberId, string displayName, string role, Guid? practitionerId, string provider)
    {
        var claims = new List<Claim>
        {
            new("sub", memberId.ToString()),
            new("name", displayName),
            new("role", role),
            new("idp", provider),
        };
        if (practitionerId is { } id) claims.Add(new Claim("practitioner_id", id.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role"));
    }

    public static Task SignInAsync(HttpContext http, ClaimsPrincipal principal) =>
        http.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false });

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Only a local path is a place to go back to after sign-in (no open redirect).</summary>
    public static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) &&
        !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
}
