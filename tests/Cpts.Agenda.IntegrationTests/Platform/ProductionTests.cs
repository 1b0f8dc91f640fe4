namespace Cpts.Agenda.IntegrationTests.Platform;

public sealed class ProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task The_dev_token_route_does_not_exist_outside_Development() =>
        await (await app.CreateClient().PostJsonAsync("/auth/dev-token", new { role = "coordinator" })).ShouldBe(HttpStatusCode.NotFound);

    [Fact]
    public async Task A_development_token_is_not_accepted_in_production()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Auth.Issue(app.Configuration, "coordinator", null));
        var response = await client.GetAsync("/api/practitioners");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized, $"got {response.StatusCode}");
    }
}
