using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

public sealed class SasCertificateHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggerFactory, UrlEncoder encoder,
    SasTrust trust, IOptions<SasOptions> sas)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null) return Task.FromResult(AuthenticateResult.NoResult());
        // Certificate validity is judged against the real time, like token lifetimes.
        var problem = SasAuthentication.Check(certificate, trust.Authorities, sas.Value.AllowedSubjects, DateTimeOffset.UtcNow, sas.Value.CheckRevocation);
        if (problem is not null)
        {
            Logger.LogWarning("SAS client certificate refused: {Reason}", problem);
            return Task.FromResult(AuthenticateResult.Fail("The client certificate is not accepted."));
        }
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, false);
        var identity = new ClaimsIdentity(
            [new Claim("sub", $"sas-platform:{cn}"), new Claim("role", Roles.Sas)], Scheme.Name, "sub", "role");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
