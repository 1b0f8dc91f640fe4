namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class DatabaseOutageTests(OwnServerApp app) : IClassFixture<OwnServerApp>
{
    [Fact]
    public async Task While_the_database_is_away_the_service_answers_503_and_recovers_without_a_restart()
    {
        var client = app.Coordinator();
        await (await client.GetAsync("/api/practitioners")).ShouldBe(HttpStatusCode.OK);
        var gp = await app.NewPractitionerAsync();

        app.Postgres.Stop("immediate");
        var away = await client.GetAsync("/api/practitioners");
        var problem = await away.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(away.Headers.Contains("Retry-After"));
        await (await client.PostJsonAsync("/api/slots", new { practitionerId = gp.Id, start = Http.Iso(app.NextHour()), end = Http.Iso(app.NextHour().AddMinutes(20)), mode = "teleconsultation", visibility = "sas" }))
            .ShouldBe(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        app.Postgres.Start();
        var ready = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 240 && ready != HttpStatusCode.OK; i++) // up to a minute: a loaded machine restarts PostgreSQL slowly
        {
            ready = (await client.GetAsync("/health/ready")).StatusCode;
            if (ready != HttpStatusCode.OK) await Task.Delay(250);
        }
        Assert.Equal(HttpStatusCode.OK, ready);
        await (await client.GetAsync($"/api/practitioners/{gp.Id}")).ShouldBe(HttpStatusCode.OK);
        await app.PublishSlotAsync(gp.Id, app.NextHour(), mode: "teleconsultation");
        Assert.Empty(await app.InvariantViolationsAsync());
    }
}
