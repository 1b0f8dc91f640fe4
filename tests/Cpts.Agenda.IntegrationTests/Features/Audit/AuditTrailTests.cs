using System.Net;
using System.Text.Json;
using Cpts.Agenda.IntegrationTests.Infrastructure;
using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Audit;

public sealed class AuditTrailTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<List<JsonElement>> Trail(string objectId)
    {
        var page = await (await app.Coordinator().GetAsync($"/api/audit?objectId={objectId}&limit=500")).ShouldBe(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Every_action_on_a_booking_and_its_slot_is_recorded_with_who_what_when_and_where()
    {
        var gp = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(), mode: "teleconsultation");
        var booking = await app.BookAsync(app.As("regulator", subject: "regulator-audit"), slotId);
        var bookingId = booking.GetProperty("id").GetGuid();
        await (await app.Practitioner(gp.Id).GetAsync($"/api/bookings/{bookingId}")).ShouldBe(HttpStatusCode.OK);
        await (await app.Coordinator().PostJsonAsync($"/api/bookings/{bookingId}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        var second = await app.BookAsync(app.As("regulator", subject: "regulator-audit"), slotId);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/bookings/{second.GetProperty("id").GetGuid()}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.OK);
        var other = await app.PublishSlotAsync(gp.Id, app.NextHour(), mode: "teleconsultation");
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{other}")).ShouldBe(HttpStatusCode.NoContent);

        var bookingTrail = await Trail(bookingId.ToString());
        Assert.Equal(["booking.cancel", "booking.read", "booking.create"], bookingTrail.Select(e => e.GetProperty("action").GetString()));
        var created = bookingTrail[^1];
        Assert.Equal("regulator-audit", created.GetProperty("actor").GetString());
        Assert.Equal("regulator", created.GetProperty("actorRole").GetString());
        Assert.Equal("done", created.GetProperty("outcome").GetString());
        Assert.True(created.TryGetProperty("at", out _));
        Assert.Equal("coordinator", bookingTrail[0].GetProperty("actorRole").GetString());

        Assert.Equal(["booking.outcome", "booking.create"], (await Trail(second.GetProperty("id").GetString()!)).Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["slot.withdraw", "slot.publish"], (await Trail(other.ToString())).Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["slot.publish"], (await Trail(slotId.ToString())).Select(e => e.GetProperty("action").GetString()));
        var practitionerTrail = await Trail(gp.Id.ToString());
        Assert.Equal("practitioner.create", Assert.Single(practitionerTrail).GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_refused_read_of_patient_data_is_403_and_audited()
    {
        var gp = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(2), mode: "teleconsultation");
        var bookingId = (await app.BookAsync(app.Regulator(), slotId)).GetProperty("id").GetGuid();
        var stranger = await app.NewPractitionerAsync();
        await (await app.Practitioner(stranger.Id).GetAsync($"/api/bookings/{bookingId}")).ShouldBe(HttpStatusCode.Forbidden);

        var refusal = Assert.Single(await Trail(bookingId.ToString()), e => e.GetProperty("outcome").GetString() == "refused");
        Assert.Equal("booking.read", refusal.GetProperty("action").GetString());
        Assert.Equal(stranger.Id.ToString(), refusal.GetProperty("actor").GetString());
        Assert.Equal(403, refusal.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task The_trail_is_append_only_even_for_the_tables_owner()
    {
        await app.NewPractitionerAsync();
        await using var c = await app.OpenAsync();
        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => c.ExecuteAsync("UPDATE audit_events SET actor = 'someone else'"));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => c.ExecuteAsync("DELETE FROM audit_events"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => c.ExecuteAsync("TRUNCATE audit_events"));
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_events") > 0);
    }

    [Fact]
    public async Task The_trail_filters_by_actor_and_only_the_coordinator_reads_it()
    {
        var gp = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(gp.Id, app.NextHour(5), mode: "teleconsultation");
        var page = await (await app.Coordinator().GetAsync($"/api/audit?actor={gp.Id}")).ShouldBe(HttpStatusCode.OK);
        Assert.All(page.GetProperty("items").EnumerateArray(), e => Assert.Equal(gp.Id.ToString(), e.GetProperty("actor").GetString()));
        Assert.NotEmpty(page.GetProperty("items").EnumerateArray());
        await (await app.Regulator().GetAsync("/api/audit")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().GetAsync("/api/audit?from=yesterday")).ShouldBe(HttpStatusCode.BadRequest);
    }
}
