namespace Cpts.Agenda.IntegrationTests.Features.Slots;

public sealed class WithdrawSlotTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_owner_withdraws_a_free_slot_and_the_time_can_be_published_again()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour();
        var slotId = await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation");

        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.NoContent);
        var slot = await (await app.Regulator().GetAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("withdrawn", slot.GetProperty("status").GetString());
        await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation");
    }

    [Fact]
    public async Task A_booked_slot_cannot_be_withdrawn()
    {
        var (gp, slotId, _) = await app.BookedSlotAsync(2);
        var problem = await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("booked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_the_owner_or_the_coordinator_withdraws()
    {
        var gp = await app.NewPractitionerAsync();
        var other = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(3), mode: "teleconsultation");
        await (await app.Practitioner(other.Id).DeleteAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().DeleteAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().DeleteAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.NoContent);
        await (await app.Coordinator().DeleteAsync($"/api/slots/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
    }
}
