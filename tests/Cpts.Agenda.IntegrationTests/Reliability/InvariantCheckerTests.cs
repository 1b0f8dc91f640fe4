using Dapper;

namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class InvariantCheckerTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_checker_reports_a_slot_marked_booked_behind_the_services_back()
    {
        var gp = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(), mode: "teleconsultation");
        Assert.Empty(await app.InvariantViolationsAsync());

        await using var c = await app.OpenAsync();
        await c.ExecuteAsync("UPDATE slots SET status = 'booked' WHERE id = @slotId", new { slotId });
        Assert.Contains(await app.InvariantViolationsAsync(), v => v.StartsWith("booked slot without an active booking", StringComparison.Ordinal));
    }
}
