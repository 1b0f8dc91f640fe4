using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>
/// A small OpenID Connect provider on 127.0.0.1 standing in for Pro Santé Connect (and a staff
/// provider): discovery, JWKS, an authorize endpoint that signs in whoever the test chose (answering
/// with a form_post page, as a browser would get), a token endpoint that checks the code, the client
/// secret, the redirect URI and the PKCE verifier, and a user info endpoint. ID tokens are RS256 and
/// PSC-shaped: <c>sub</c>, <c>SubjectNameID</c> (8 + RPPS), names, <c>acr</c>.
/// </summary>
public sealed class StandInProvider : IAsyncLifetime
{
    public const string ClientId = "cpts-agenda-test";
    public const string ClientSecret = "stand-in-secret";

    private sealed record Grant(string ClientId, string RedirectUri, string? Nonce, string Challenge, Dictionary<string, string> Claims);

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "stand-in-1" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _accessTokens = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public string Issuer { get; private set; } = "";

    /// <summary>Who the next authorization signs in: the claims of the ID token and user info.</summary>
    public Dictionary<string, string> NextUser { get; set; } = [];

    /// <summary>The query of the last authorization request (scope, acr_values, code_challenge_method…).</summary>
    public IQueryCollection? LastAuthorization { get; private set; }

    public static Dictionary<string, string> Practitioner(string rpps, string given = "Claire", string family = "Testeuse") => new()
    {
        ["sub"] = $"f:{Guid.NewGuid():N}",
        ["SubjectNameID"] = "8" + rpps,
        ["given_name"] = given,
        ["family_name"] = family,
    };

    public static Dictionary<string, string> StaffMember(string email, bool verified = true) => new()
    {
        ["sub"] = Guid.NewGuid().ToString(),
        ["email"] = email,
        ["email_verified"] = verified ? "true" : "false",
        ["name"] = "Personne Staff",
    };

    public async Task InitializeAsync()
    {
        (_app, Issuer) = await LoopbackServer.StartAsync(Map);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["userinfo_endpoint"] = $"{Issuer}/userinfo",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) => Authorize(request.HttpContext));
        app.MapPost("/token", (HttpRequest request) => Token(request.HttpContext));
        app.MapGet("/userinfo", (HttpContext http) =>
        {
            var token = http.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            return _accessTokens.TryGetValue(token, out var claims) ? Results.Json(claims) : Results.Unauthorized();
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private IResult Authorize(HttpContext http)
    {
        var q = http.Request.Query;
        LastAuthorization = q;
        if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
            return Results.BadRequest("code flow with PKCE (S256) only");
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(q["client_id"]!, q["redirect_uri"]!, q["nonce"], q["code_challenge"]!, new Dictionary<string, string>(NextUser));
        var fields = new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] };
        if (q["response_mode"] == "form_post")
        {
            var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{f.Key}\" value=\"{WebUtility.HtmlEncode(f.Value)}\"/>"));
            return Results.Content($"<html><body><form method=\"post\" action=\"{WebUtility.HtmlEncode(q["redirect_uri"])}\">{inputs}</form></body></html>", "text/html");
        }
        return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(q["redirect_uri"]!, fields));
    }

    private async Task<IResult> Token(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var (clientId, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (http.Request.Headers.Authorization.ToString() is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        if (clientId != ClientId || secret != ClientSecret || grant.ClientId != clientId)
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        if (grant.RedirectUri != form["redirect_uri"] || grant.Challenge != Challenge(form["code_verifier"].ToString()))
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);

        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(grant.Claims.ToDictionary(c => c.Key, c => (object)c.Value)) { ["acr"] = "eidas1", ["auth_time"] = EpochTime.GetIntDate(now) };
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = clientId, IssuedAt = now, NotBefore = now.AddMinutes(-1), Expires = now.AddMinutes(10),
            Claims = claims, SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _accessTokens[accessToken] = grant.Claims;
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 600, id_token = idToken });
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
