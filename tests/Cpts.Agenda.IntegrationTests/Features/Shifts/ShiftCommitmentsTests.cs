namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

/// <summary>A practitioner never holds two overlapping commitments, whatever feature holds them.</summary>
public sealed class ShiftCommitmentsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Volunteering_for_a_shift_over_ones_own_SNP_slot_returns_409_naming_the_slot()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 2);
        var gp = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(gp.Id, shift.Instant("start").AddMinutes(30), 20, mode: "teleconsultation");

        var problem = await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("SNP slot", problem.GetProperty("detail").GetString());
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.Conflict);
        Assert.Null((await (await app.Coordinator().GetAsync($"/api/shifts/{shift.Id()}")).ShouldBe(HttpStatusCode.OK)).Assignee());
    }

    [Fact]
    public async Task Publishing_a_slot_during_ones_shift_returns_409_until_the_shift_is_released()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 3);
        var gp = await app.NewPractitionerAsync();
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        var start = shift.Instant("start").AddHours(1);
        var slot = new { practitionerId = gp.Id, start = Http.Iso(start), end = Http.Iso(start.AddMinutes(20)), mode = "teleconsultation", visibility = "sas" };
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", slot)).ShouldBe(HttpStatusCode.Conflict);

        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", slot)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_overlapping_shifts_on_two_MMG_sites_cannot_go_to_the_same_practitioner()
    {
        var (_, first) = await app.EveningShiftAsync(daysAhead: 4);
        var (_, second) = await app.EveningShiftAsync(daysAhead: 4);
        var gp = await app.NewPractitionerAsync();
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{first.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);

        var problem = await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{second.Id()}/volunteer")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("another shift", problem.GetProperty("detail").GetString());
        Assert.Null((await (await app.Coordinator().GetAsync($"/api/shifts/{second.Id()}")).ShouldBe(HttpStatusCode.OK)).Assignee());
        // The next evening is fine: ranges are [start, end).
        var (_, nextDay) = await app.EveningShiftAsync(daysAhead: 5);
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{nextDay.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_database_refuses_an_overlapping_assignment_even_when_the_code_is_bypassed()
    {
        var (_, first) = await app.EveningShiftAsync(daysAhead: 6);
        var (_, second) = await app.EveningShiftAsync(daysAhead: 6);
        var gp = await app.NewPractitionerAsync();
        await using var c = await app.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE shifts SET assignee_id = @Gp WHERE id = @Id", new { Gp = gp.Id, Id = first.Id() });
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            Dapper.SqlMapper.ExecuteAsync(c, "UPDATE shifts SET assignee_id = @Gp WHERE id = @Id", new { Gp = gp.Id, Id = second.Id() }));
        Assert.Equal("23P01", e.SqlState);
        // Deleting an assigned shift frees the time too.
        await Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM shifts WHERE id = @Id", new { Id = first.Id() });
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE holder_id = @Gp", new { Gp = gp.Id }));
    }
}
