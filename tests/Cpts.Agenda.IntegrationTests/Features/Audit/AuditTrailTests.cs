using System.Text.Json;
using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Bookings;
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
        var (_, _, bookingId) = await app.BookedSlotAsync(2);
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

    [Fact]
    public async Task A_booking_and_its_audit_row_are_one_commit_a_booking_whose_row_cannot_be_written_is_not_made()
    {
        var gp = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(6), mode: "teleconsultation");
        // The trail refuses the booking's row: as if its INSERT failed (the use case is sent as a job would send it,
        // so no HTTP answer is involved).
        await using (var c = await app.OpenAsync())
            await c.ExecuteAsync("""
                CREATE FUNCTION refuse_booking_trail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.action = 'booking.create' THEN RAISE EXCEPTION 'the audit trail is away'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER audit_events_refuse_booking BEFORE INSERT ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION refuse_booking_trail();
                """);
        try
        {
            var patient = new BookSlotPatientBody("Jeanne", "Martin", new DateOnly(1980, 5, 1), "0612345678", true);
            var regulator = new Caller("regulator-no-trail", Roles.Regulator, null);
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
                app.RunAsync(new BookSlot.Command(regulator, new BookSlot.Body(slotId, patient, null, "sas"), null)));
            Assert.Equal("free", await app.ScalarAsync<string>("SELECT status FROM slots WHERE id = @slotId", new { slotId }));
            Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slotId", new { slotId }));
        }
        finally
        {
            await using var c = await app.OpenAsync();
            await c.ExecuteAsync("DROP TRIGGER audit_events_refuse_booking ON audit_events; DROP FUNCTION refuse_booking_trail()");
        }
        var booking = await app.BookAsync(app.As("regulator", subject: "regulator-audit"), slotId);
        Assert.Equal(["booking.create"], (await Trail(booking.GetProperty("id").GetString()!)).Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task An_Idempotency_Key_replay_is_audited_as_a_replay_not_as_a_second_create()
    {
        var gp = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(4), mode: "teleconsultation");
        var client = app.As("regulator", subject: "regulator-replay");
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> SendAsync() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = System.Net.Http.Json.JsonContent.Create(Steps.Booking(slotId), options: Http.Json),
        });
        var bookingId = (await (await SendAsync()).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await (await SendAsync()).ShouldBe(HttpStatusCode.Created);

        Assert.Equal(["booking.replay", "booking.create"], (await Trail(bookingId)).Select(e => e.GetProperty("action").GetString()));
        // The filter's action is not changed for the requests that follow.
        var other = await app.PublishSlotAsync(gp.Id, app.NextHour(5), mode: "teleconsultation");
        var next = await app.BookAsync(client, other);
        Assert.Equal(["booking.create"], (await Trail(next.GetProperty("id").GetString()!)).Select(e => e.GetProperty("action").GetString()));
    }
}
