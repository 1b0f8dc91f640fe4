using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>
/// The service in Production on a real Kestrel HTTPS listener (127.0.0.1, a free port), configured the way an
/// operator would: endpoint and server certificate from Kestrel configuration, Sas:ClientCa and
/// Sas:AllowedSubjects for the platform.
/// </summary>
public sealed class MutualTlsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PlatformSubject = "CN=sas-platform.test, OU=SAS, O=ANS Test";
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("cpts-mtls-").FullName;
    private string _connectionString = "";

    public X509Certificate2 Authority { get; } = TestPki.Authority("Test IGC-Santé");
    public X509Certificate2 OtherAuthority { get; } = TestPki.Authority("Someone else");
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync();
        TestPki.WritePem(Path.Combine(_dir, "ca.pem"), Authority);
        using var server = TestPki.Issue(Authority, "CN=127.0.0.1", client: false);
        TestPki.WritePem(Path.Combine(_dir, "server.pem"), server);
        File.WriteAllText(Path.Combine(_dir, "server.key"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        UseKestrel();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        System.IO.Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Agenda", _connectionString);
        builder.UseSetting("Auth:Authority", "https://auth.example.invalid/realms/cpts");
        builder.UseSetting("Auth:Audience", "cpts-agenda");
        builder.UseSetting("Agenda:PublicBaseUrl", "https://agenda.cpts-test.fr");
        builder.UseSetting("Agenda:Jobs:RunServers", "false"); // the TLS handshake needs no background jobs
        builder.UseSetting("Kestrel:Endpoints:Https:Url", "https://127.0.0.1:0");
        builder.UseSetting("Kestrel:Endpoints:Https:Certificate:Path", Path.Combine(_dir, "server.pem"));
        builder.UseSetting("Kestrel:Endpoints:Https:Certificate:KeyPath", Path.Combine(_dir, "server.key"));
        builder.UseSetting("Sas:ClientCa", Path.Combine(_dir, "ca.pem"));
        builder.UseSetting("Sas:AllowedSubjects:0", PlatformSubject);
    }

    /// <summary>A client over real TLS presenting the given certificate (or none).</summary>
    public HttpClient TlsClient(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.Issuer == Authority.Subject,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            },
        };
        if (certificate is null) handler.SslOptions.LocalCertificateSelectionCallback = null;
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }
}
