namespace Cpts.Agenda.IntegrationTests.Platform;

public sealed class OpenApiOutsideDevelopmentTests(ProductionApp production, PublishedContractApp published)
    : IClassFixture<ProductionApp>, IClassFixture<PublishedContractApp>
{
    [Fact]
    public async Task The_document_is_served_only_when_configured_and_the_reference_page_only_in_Development()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await production.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await published.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await published.CreateClient().GetAsync("/scalar/v1")).StatusCode);
    }
}
