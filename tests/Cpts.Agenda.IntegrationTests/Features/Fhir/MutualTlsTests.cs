using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>Throwaway certificate authorities and certificates, made in memory for one test run.</summary>
public static class TestPki
{
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Test PKI", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A leaf certificate with its private key, loaded the way a TLS stack wants it (PKCS#12).</summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, string subject, bool client)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(client ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], false));
        if (!client)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, "t"), "t");
    }

    public static void WritePem(string path, X509Certificate2 certificate) => File.WriteAllText(path, certificate.ExportCertificatePem());
}

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

public sealed class MutualTlsTests(MutualTlsApp app) : IClassFixture<MutualTlsApp>
{
    private static string Search() => Fhir.SlotQuery(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), [AgendaApp.NewRpps()], includes: false);

    [Fact]
    public async Task The_platforms_certificate_is_accepted()
    {
        using var certificate = TestPki.Issue(app.Authority, MutualTlsApp.PlatformSubject, client: true);
        var response = await app.TlsClient(certificate).GetAsync(Search());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task No_certificate_is_refused()
    {
        var response = await app.TlsClient(null).GetAsync(Search());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        // The public routes stay reachable without a certificate.
        Assert.Equal(HttpStatusCode.OK, (await app.TlsClient(null).GetAsync("/fhir/metadata")).StatusCode);
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_refused()
    {
        using var certificate = TestPki.Issue(app.OtherAuthority, MutualTlsApp.PlatformSubject, client: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TlsClient(certificate).GetAsync(Search())).StatusCode);
    }

    [Fact]
    public async Task A_trusted_certificate_with_another_subject_is_refused()
    {
        using var certificate = TestPki.Issue(app.Authority, "CN=someone-else.test, OU=SAS, O=ANS Test", client: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TlsClient(certificate).GetAsync(Search())).StatusCode);
    }
}
