using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Section <c>Auth</c>: where tokens come from.</summary>
public sealed class AuthOptions
{
    /// <summary>The OpenID Connect issuer (required outside Development, https).</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>Development only: the key that signs /auth/dev-token tokens (HMAC-SHA256: 32 bytes at least).</summary>
    public string? DevSigningKey { get; set; }

    /// <summary>One line per broken setting, naming the key.</summary>
    public sealed class Validator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions o)
        {
            var failures = new List<string>();
            var isDev = environment.IsDevelopment();
            if (string.IsNullOrWhiteSpace(o.Authority))
            {
                if (!isDev) failures.Add("Auth:Authority is required outside Development: the https:// URL of the OpenID Connect issuer.");
            }
            else if (!Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                failures.Add("Auth:Authority must be an absolute https:// URL.");
            else if (authority.Scheme != "https" && !isDev)
                failures.Add("Auth:Authority must be https:// outside Development (signing keys fetched in clear could be forged).");
            if (!string.IsNullOrWhiteSpace(o.Authority) && string.IsNullOrWhiteSpace(o.Audience))
                failures.Add("Auth:Audience is required with Auth:Authority: the audience the service's tokens carry.");
            if (o.DevSigningKey is { } key && System.Text.Encoding.UTF8.GetByteCount(key) < Auth.MinDevKeyBytes)
                failures.Add($"Auth:DevSigningKey must be at least {Auth.MinDevKeyBytes} bytes long.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
