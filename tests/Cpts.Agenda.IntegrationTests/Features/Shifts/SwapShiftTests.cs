namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

public sealed class SwapShiftTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    /// <summary>An evening shift held by a GP, and another GP to ask.</summary>
    private async Task<(Guid Shift, Guid From, Guid To)> HeldShiftAsync()
    {
        var (_, shift) = await app.EveningShiftAsync();
        var from = await app.NewPractitionerAsync();
        var to = await app.NewPractitionerAsync();
        await (await app.Practitioner(from.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        return (shift.Id(), from.Id, to.Id);
    }

    private async Task<Guid> AskAsync(Guid shift, Guid from, Guid to)
    {
        var response = await app.Practitioner(from).PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = to });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal($"/api/swap-requests/{body.Id()}", response.Headers.Location?.ToString());
        return body.Id();
    }

    [Fact]
    public async Task Accepting_a_swap_moves_the_shift_and_its_commitment_to_the_practitioner_asked()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var swap = await AskAsync(shift, from, to);

        var accepted = await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal(to, accepted.GetProperty("shift").Assignee());
        var read = await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(to, read.Assignee());
        Assert.Equal(to, await app.ScalarAsync<Guid>("SELECT holder_id FROM commitments WHERE source_id = @Id", new { Id = shift }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE source_id = @Id", new { Id = shift }));
        // The former assignee can no longer release it; the new one can.
        await (await app.Practitioner(from).PostEmptyAsync($"/api/shifts/{shift}/release")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/decline")).ShouldBe(HttpStatusCode.Conflict);
    }

    private static List<Guid> Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();

    [Fact]
    public async Task The_practitioner_asked_finds_the_pending_request_and_others_do_not_see_it()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var swap = await AskAsync(shift, from, to);
        var third = await app.NewPractitionerAsync();

        var asked = await (await app.Practitioner(to).GetAsync("/api/swap-requests")).ShouldBe(HttpStatusCode.OK);
        var item = asked.GetProperty("items").EnumerateArray().Single();
        Assert.Equal((swap, shift, from), (item.Id(), item.GetProperty("shiftId").GetGuid(), item.GetProperty("fromPractitionerId").GetGuid()));
        Assert.Equal(from, item.GetProperty("shift").Assignee());
        Assert.Equal([swap], Ids(await (await app.Practitioner(from).GetAsync("/api/swap-requests")).ShouldBe(HttpStatusCode.OK)));
        Assert.Empty(Ids(await (await app.Practitioner(third.Id).GetAsync("/api/swap-requests")).ShouldBe(HttpStatusCode.OK)));
        await (await app.Practitioner(third.Id).GetAsync($"/api/swap-requests?practitionerId={to}")).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Contains(swap, Ids(await (await app.Coordinator().GetAsync($"/api/swap-requests?practitionerId={to}")).ShouldBe(HttpStatusCode.OK)));
        await (await app.Regulator().GetAsync("/api/swap-requests")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(to).GetAsync("/api/swap-requests?status=maybe")).ShouldBe(HttpStatusCode.BadRequest);

        // Once declined it leaves the pending list and shows under its status.
        await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/decline")).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(Ids(await (await app.Practitioner(to).GetAsync("/api/swap-requests")).ShouldBe(HttpStatusCode.OK)));
        Assert.Equal([swap], Ids(await (await app.Practitioner(to).GetAsync("/api/swap-requests?status=declined")).ShouldBe(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Declining_a_swap_ends_it_and_the_shift_stays()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var swap = await AskAsync(shift, from, to);
        var declined = await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/decline")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("declined", declined.GetProperty("status").GetString());
        Assert.Equal(from, (await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK)).Assignee());
        await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Equal(from, (await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK)).Assignee());
    }

    [Fact]
    public async Task Only_the_assignee_asks_and_only_the_practitioner_asked_answers()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var third = await app.NewPractitionerAsync();
        await (await app.Practitioner(third.Id).PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = to })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = to })).ShouldBe(HttpStatusCode.Forbidden);

        var swap = await AskAsync(shift, from, to);
        await (await app.Practitioner(third.Id).PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(third.Id).PostEmptyAsync($"/api/swap-requests/{swap}/decline")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(from).PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Equal(from, (await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK)).Assignee());
        Assert.Equal("pending", await app.ScalarAsync<string>("SELECT status FROM swap_requests WHERE id = @Id", new { Id = swap }));
    }

    [Fact]
    public async Task Accepting_after_the_shift_changed_returns_409_and_expires_the_request()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var swap = await AskAsync(shift, from, to);
        await (await app.Practitioner(from).PostEmptyAsync($"/api/shifts/{shift}/release")).ShouldBe(HttpStatusCode.OK);
        var problem = await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("changed", problem.GetProperty("detail").GetString());
        Assert.Equal("expired", await app.ScalarAsync<string>("SELECT status FROM swap_requests WHERE id = @Id", new { Id = swap }));
        Assert.Null((await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK)).Assignee());
    }

    [Fact]
    public async Task Accepting_a_swap_onto_an_overlapping_shift_returns_409_and_moves_nothing()
    {
        var (shift, from, to) = await HeldShiftAsync();
        // The practitioner asked already holds the evening shift of the same day at another MMG.
        var (_, otherEvening) = await app.EveningShiftAsync();
        await (await app.Practitioner(to).PostEmptyAsync($"/api/shifts/{otherEvening.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);

        var swap = await AskAsync(shift, from, to);
        var problem = await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{swap}/accept")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("another shift", problem.GetProperty("detail").GetString());
        Assert.Equal(from, (await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK)).Assignee());
        Assert.Equal(from, await app.ScalarAsync<Guid>("SELECT holder_id FROM commitments WHERE source_id = @Id", new { Id = shift }));
        Assert.Equal("pending", await app.ScalarAsync<string>("SELECT status FROM swap_requests WHERE id = @Id", new { Id = swap }));
    }

    [Fact]
    public async Task Of_two_practitioners_accepting_swaps_of_one_shift_at_once_exactly_one_gets_it()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var second = await app.NewPractitionerAsync();
        var first = await AskAsync(shift, from, to);
        var other = await AskAsync(shift, from, second.Id);

        var responses = await Task.WhenAll(
            app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{first}/accept"),
            app.Practitioner(second.Id).PostEmptyAsync($"/api/swap-requests/{other}/accept"));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? to : second.Id;
        Assert.Equal(winner, (await (await app.Coordinator().GetAsync($"/api/shifts/{shift}")).ShouldBe(HttpStatusCode.OK)).Assignee());
        Assert.Equal(winner, await app.ScalarAsync<Guid>("SELECT holder_id FROM commitments WHERE source_id = @Id", new { Id = shift }));
    }

    [Fact]
    public async Task Swap_requests_check_their_input()
    {
        var (shift, from, to) = await HeldShiftAsync();
        var client = app.Practitioner(from);
        await (await client.PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { })).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = from })).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = Guid.NewGuid() })).ShouldBe(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync($"/api/shifts/{Guid.NewGuid()}/swap-requests", new { toPractitionerId = to })).ShouldBe(HttpStatusCode.NotFound);
        var physio = await app.NewPractitionerAsync("physiotherapist");
        await (await client.PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = physio.Id })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        await AskAsync(shift, from, to);
        await (await client.PostJsonAsync($"/api/shifts/{shift}/swap-requests", new { toPractitionerId = to })).ShouldBe(HttpStatusCode.Conflict);
        await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{Guid.NewGuid()}/accept")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Practitioner(to).PostEmptyAsync($"/api/swap-requests/{Guid.NewGuid()}/decline")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.As(Roles.Secretary).PostEmptyAsync($"/api/swap-requests/{Guid.NewGuid()}/decline")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
