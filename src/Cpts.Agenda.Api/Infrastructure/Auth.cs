using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Cpts.Agenda.Api.Infrastructure;

public static class Auth
{
    public const string DevIssuer = "cpts-agenda-dev";
    public const string DevAudience = "cpts-agenda";

    public static WebApplicationBuilder AddAgendaAuth(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var isDev = builder.Environment.IsDevelopment();
        // Checked when the host starts: a bad Auth section refuses to start with its reason instead of
        // answering 500 on every route (the bearer handler reads it only at the first request).
        builder.Services.AddOptions<AuthOptions>().Bind(config.GetSection("Auth")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptions.Validator>();
        // Bearer tokens for the API and FHIR (exactly as before), the cookie session for the pages.
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer for the API, cookie for the pages", o => o.ForwardDefaultSelector = SchemeFor)
            .AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters.RoleClaimType = "role";
            o.TokenValidationParameters.NameClaimType = "sub";
            var authority = config["Auth:Authority"];
            if (!string.IsNullOrWhiteSpace(authority))
            {
                o.Authority = authority;
                o.Audience = config["Auth:Audience"];
                o.RequireHttpsMetadata = !isDev;
            }
            else if (isDev)
            {
                o.TokenValidationParameters.ValidIssuer = DevIssuer;
                o.TokenValidationParameters.ValidAudience = DevAudience;
                o.TokenValidationParameters.IssuerSigningKey = DevKey(config);
            }
            // Outside Development without an authority, AuthOptions.Validator refuses to start.
        });
        builder.AddPageSession();
        builder.Services.AddAuthorization();
        return builder;
    }

    public const int MinDevKeyBytes = 32;

    /// <summary>The scheme that decides, per request, between the bearer token and the page cookie.</summary>
    public const string SmartScheme = "BearerOrCookie";

    /// <summary>
    /// The API and FHIR routes (and any request carrying a bearer token) authenticate with the token
    /// only: a page cookie never authorizes an API call, so no API write can be forged from a page.
    /// </summary>
    public static string SchemeFor(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir") || path.StartsWithSegments("/auth") ||
            http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return JwtBearerDefaults.AuthenticationScheme;
        return PageSession.Scheme;
    }

    /// <summary>The key of Development tokens: <c>Auth:DevSigningKey</c>, else a fixed development key.</summary>
    public static SymmetricSecurityKey DevKey(string? devSigningKey) =>
        new(Encoding.UTF8.GetBytes(devSigningKey ?? "cpts-agenda-development-signing-key-not-for-production-use"));

    /// <summary>The same key read from a host's configuration (tests and the bench sign their tokens with it).</summary>
    public static SymmetricSecurityKey DevKey(IConfiguration config) => DevKey(config["Auth:DevSigningKey"]);

    /// <summary>POST /auth/dev-token: Development only, so the route does not exist elsewhere (404).</summary>
    public static IEndpointRouteBuilder MapDevTokens(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapPost("/auth/dev-token", (DevTokenRequest request, IOptions<AuthOptions> auth) => DevToken(request, auth.Value))
            .AllowAnonymous()
            .WithTags("Auth")
            .WithSummary("Development only: a signed token for a role.");
        return app;
    }

    /// <summary>A token for the role asked (a practitioner's names their practitionerId), or a validation problem.</summary>
    public static IResult DevToken(DevTokenRequest request, AuthOptions auth)
    {
        var v = new Validation().OneOf(request.Role, "role", Roles.All);
        v.Check(request.Role != Roles.Practitioner || request.PractitionerId is not null, "practitionerId", "A practitioner token needs practitionerId.");
        if (v.Failed) return ResultHttp.ValidationOf(v.ToError());
        return TypedResults.Ok(new DevTokenResponse(Issue(DevKey(auth.DevSigningKey), request.Role!, request.PractitionerId, request.Subject)));
    }

    public static string Issue(IConfiguration config, string role, Guid? practitionerId, string? subject = null) =>
        Issue(DevKey(config), role, practitionerId, subject);

    public static string Issue(SymmetricSecurityKey key, string role, Guid? practitionerId, string? subject = null)
    {
        var claims = new List<Claim>
        {
            new("sub", subject ?? practitionerId?.ToString() ?? $"dev-{role}"),
            new("role", role),
        };
        if (practitionerId is { } id) claims.Add(new Claim("practitioner_id", id.ToString()));
        // Real time, not the agenda clock: token lifetimes are checked against the real clock.
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(DevIssuer, DevAudience, claims, now.AddMinutes(-1), now.AddHours(12),
            new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public sealed record DevTokenRequest([property: System.ComponentModel.DataAnnotations.Required, ValuesFrom(typeof(Roles), nameof(Roles.All))] string? Role, Guid? PractitionerId, string? Subject);

    public sealed record DevTokenResponse(string Token);
}
