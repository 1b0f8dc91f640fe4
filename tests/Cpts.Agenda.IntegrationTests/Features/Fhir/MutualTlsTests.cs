namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

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
