namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

public sealed class TakeShiftTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Of_twenty_parallel_volunteers_exactly_one_gets_the_shift()
    {
        var (_, shift) = await app.EveningShiftAsync();
        var gps = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.NewPractitionerAsync()));
        var clients = gps.Select(gp => app.Practitioner(gp.Id)).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")));

        var seen = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, seen);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 19, seen);
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("assigned", winner.GetProperty("status").GetString());
        var read = await (await app.Coordinator().GetAsync($"/api/shifts/{shift.Id()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(winner.Assignee(), read.Assignee());
        Assert.Contains(read.Assignee()!.Value, gps.Select(g => g.Id));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE source_kind = 'shift' AND source_id = @Id", new { Id = shift.Id() }));
        var loser = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("taken", loser.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_practitioner_of_another_profession_cannot_volunteer()
    {
        var (_, shift) = await app.EveningShiftAsync();
        var physio = await app.NewPractitionerAsync("physiotherapist");
        var problem = await (await app.Practitioner(physio.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("generalist", problem.GetProperty("detail").GetString());
        var other = await app.NewPractitionerAsync("nurse");
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = other.Id })).ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_coordinator_assigns_and_the_assignee_releases_the_shift_open_again()
    {
        var (_, shift) = await app.EveningShiftAsync();
        var gp = await app.NewPractitionerAsync();
        var assigned = await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(gp.Id, assigned.Assignee());
        // Assigning the same practitioner again changes nothing; another one must wait for a release.
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        var other = await app.NewPractitionerAsync();
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = other.Id })).ShouldBe(HttpStatusCode.Conflict);
        await (await app.Practitioner(other.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.Conflict);
        await (await app.Practitioner(other.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.Forbidden);

        var released = await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("open", released.GetProperty("status").GetString());
        Assert.Null(released.Assignee());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE source_id = @Id", new { Id = shift.Id() }));

        await (await app.Practitioner(other.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        var byCoordinator = await (await app.Coordinator().PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("open", byCoordinator.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Wrong_roles_get_403()
    {
        var (_, shift) = await app.EveningShiftAsync();
        var gp = await app.NewPractitionerAsync();
        await (await app.As(Roles.Secretary).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Nurse, gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Null((await (await app.Regulator().GetAsync($"/api/shifts/{shift.Id()}")).ShouldBe(HttpStatusCode.OK)).Assignee());
    }

    [Fact]
    public async Task Unknown_shifts_and_practitioners_return_404_and_bad_input_400()
    {
        var gp = await app.NewPractitionerAsync();
        var unknown = Guid.NewGuid();
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{unknown}/volunteer")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{unknown}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().PostEmptyAsync($"/api/shifts/{unknown}/release")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().GetAsync($"/api/shifts/{unknown}")).ShouldBe(HttpStatusCode.NotFound);

        var (_, shift) = await app.EveningShiftAsync();
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = Guid.NewGuid() })).ShouldBe(HttpStatusCode.NotFound);
        var missing = await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("practitionerId", out _));
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = "not-a-guid" })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_shift_that_is_over_can_no_longer_be_volunteered_for()
    {
        var site = await app.NewSiteAsync("mmg");
        var past = app.Today().AddDays(-3);
        var shift = (await app.GenerateAsync(site.Id, past, past)).Last();
        var gp = await app.NewPractitionerAsync();
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        // The coordinator may still record who held it.
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
