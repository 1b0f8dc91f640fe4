using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// How the SAS platform is recognised. The guide (page "Sécurité") asks for mutual TLS with IGC-Santé
/// certificates and a check of the certificate's CN/OU: Kestrel asks every TLS client for a certificate
/// (optional, so other routes are unaffected) and this scheme accepts it on the FHIR routes when its chain
/// ends at one of the configured CAs (<c>Sas:ClientCa</c>) and its subject is listed (<c>Sas:AllowedSubjects</c>).
/// In Development (and tests) a bearer token with role <c>sas</c> is accepted as well.
/// </summary>
public static class SasAuthentication
{
    public const string Scheme = "SasCertificate";
    public const string Policy = "sas-platform";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static void AddSasAuthentication(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Sas").Get<SasOptions>() ?? new SasOptions();
        builder.Services.AddSingleton<SasTrust>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, SasCertificateHandler>(Scheme, null);
        string[] schemes = builder.Environment.IsDevelopment() ? [JwtBearerDefaults.AuthenticationScheme, Scheme] : [Scheme];
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(schemes).RequireRole(Roles.Sas));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, FhirAuthorizationResultHandler>();

        if (!string.IsNullOrWhiteSpace(options.ClientCa))
        {
            // Ask TLS clients for a certificate without requiring one; the scheme above judges it per route.
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        }
    }

    /// <summary>Null when the certificate is accepted, else why not (never echoed to the caller).</summary>
    public static string? Check(X509Certificate2 certificate, X509Certificate2Collection authorities, IReadOnlyCollection<string> allowedSubjects,
        DateTimeOffset now, bool checkRevocation = false)
    {
        if (authorities.Count == 0) return "no certificate authority is configured (Sas:ClientCa)";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.ExtraStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(certificate))
            return "the certificate chain is not trusted: " + string.Join(", ", chain.ChainStatus.Select(s => s.Status));
        if (!SubjectAllowed(certificate, allowedSubjects)) return "the certificate subject is not among Sas:AllowedSubjects";
        return null;
    }

    public static bool SubjectAllowed(X509Certificate2 certificate, IReadOnlyCollection<string> allowed)
    {
        var subject = Normalize(certificate.Subject);
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, false);
        return allowed.Any(a => Normalize(a) == subject || string.Equals(a.Trim(), cn, StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string dn) =>
        string.Join(",", dn.Split(',').Select(p => p.Trim())).ToUpperInvariant();
}
