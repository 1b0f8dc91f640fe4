using Microsoft.Extensions.Logging.Abstractions;

namespace Cpts.Agenda.IntegrationTests.Platform;

public sealed class PlatformTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_200()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_routes()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths");
        foreach (var route in new[] { "/api/practitioners", "/api/slots", "/api/slots/batch", "/api/availability", "/api/bookings", "/api/bookings/{id}/cancel", "/api/bookings/{id}/outcome" })
            Assert.True(paths.TryGetProperty(route, out _), route);
    }

    [Fact]
    public async Task Unknown_routes_and_missing_tokens_answer_with_problem_details()
    {
        await (await app.CreateClient().GetAsync("/api/nothing-here")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync("/api/practitioners")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_dev_token_route_gives_a_working_token_in_Development()
    {
        var response = await app.CreateClient().PostJsonAsync("/auth/dev-token", new { role = "coordinator" });
        var token = (await response.ShouldBe(HttpStatusCode.OK)).GetProperty("token").GetString();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await (await client.GetAsync("/api/practitioners")).ShouldBe(HttpStatusCode.OK);
        await (await app.CreateClient().PostJsonAsync("/auth/dev-token", new { role = "king" })).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostJsonAsync("/auth/dev-token", new { role = "practitioner" })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiY29vcmRpbmF0b3IifQ.c2lnbmF0dXJl");
        await (await client.GetAsync("/api/practitioners")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_instances_migrating_one_new_database_at_once_both_succeed()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        await Task.WhenAll(Migrations.MigrateAsync(cs, NullLogger.Instance), Migrations.MigrateAsync(cs, NullLogger.Instance));
        await using var c = new Npgsql.NpgsqlConnection(cs);
        await c.OpenAsync();
        var applied = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM schema_versions WHERE scriptname = 'migrations.0001_init.sql'");
        Assert.Equal(1L, applied);
    }
}
