namespace Cpts.Agenda.IntegrationTests.Features.Bookings;

public sealed class BookingLifecycleTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<(Guid Gp, Guid Slot, Guid Booking)> Booked(string patientWithDoctor = "yes")
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(1), mode: "teleconsultation");
        var booking = await app.BookAsync(app.As("regulator", subject: "regulator-A"), slot, patient: Steps.Patient(hasRegularDoctor: patientWithDoctor == "yes"));
        return (gp.Id, slot, booking.Id());
    }

    [Fact]
    public async Task Booker_owner_and_coordinator_read_a_booking_others_get_403()
    {
        var (gp, _, booking) = await Booked();
        await (await app.As("regulator", subject: "regulator-A").GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(gp).GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.OK);
        await (await app.Coordinator().GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.OK);
        var other = await app.NewPractitionerAsync();
        await (await app.Practitioner(other.Id).GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As("regulator", subject: "regulator-B").GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().GetAsync($"/api/bookings/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancelling_frees_the_slot_for_another_booking()
    {
        var (gp, slot, booking) = await Booked();
        var cancelled = await (await app.Practitioner(gp).PostJsonAsync($"/api/bookings/{booking}/cancel", new { reason = "Imprévu" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("free", (await (await app.Regulator().GetAsync($"/api/slots/{slot}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
        await app.BookAsync(app.Regulator(), slot);
    }

    [Fact]
    public async Task Only_the_booker_owner_or_coordinator_cancels()
    {
        var (_, _, booking) = await Booked();
        await (await app.As("regulator", subject: "regulator-B").PostJsonAsync($"/api/bookings/{booking}/cancel", new { })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As("regulator", subject: "regulator-A").PostJsonAsync($"/api/bookings/{booking}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        await (await app.Coordinator().PostJsonAsync($"/api/bookings/{Guid.NewGuid()}/cancel", new { })).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_owner_records_attendance_and_reorientation_after_the_appointment()
    {
        var (gp, _, booking) = await Booked();
        var early = await (await app.Practitioner(gp).PostJsonAsync($"/api/bookings/{booking}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("not started", early.GetProperty("detail").GetString());

        app.Clock.Advance(TimeSpan.FromHours(3)); // the clock only moves forward; later tests plan from it
            var done = await (await app.Practitioner(gp).PostJsonAsync($"/api/bookings/{booking}/outcome", new { status = "attended", reorientedToRegularDoctor = true })).ShouldBe(HttpStatusCode.OK);
            Assert.Equal("attended", done.GetProperty("outcome").GetString());
            Assert.True(done.GetProperty("reorientedToRegularDoctor").GetBoolean());
            await (await app.Practitioner(gp).PostJsonAsync($"/api/bookings/{booking}/cancel", new { })).ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Outcome_rules_and_roles()
    {
        var (gp, _, booking) = await Booked("no");
        app.Clock.Advance(TimeSpan.FromHours(3)); // the clock only moves forward; later tests plan from it
            await (await app.As("regulator", subject: "regulator-A").PostJsonAsync($"/api/bookings/{booking}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.Forbidden);
            await (await app.Practitioner(gp).PostJsonAsync($"/api/bookings/{booking}/outcome", new { status = "maybe" })).ShouldBe(HttpStatusCode.BadRequest);
            await (await app.Practitioner(gp).PostJsonAsync($"/api/bookings/{booking}/outcome", new { status = "attended", reorientedToRegularDoctor = true })).ShouldBe(HttpStatusCode.UnprocessableEntity);
            var noShow = await (await app.Coordinator().PostJsonAsync($"/api/bookings/{booking}/outcome", new { status = "no-show" })).ShouldBe(HttpStatusCode.OK);
            Assert.Equal("no-show", noShow.GetProperty("outcome").GetString());
    }
}
