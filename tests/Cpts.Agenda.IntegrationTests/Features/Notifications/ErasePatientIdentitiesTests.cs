namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>Its own database and clock: the test moves time 91 days forward.</summary>
public sealed class ErasePatientIdentitiesTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task Retention_erases_the_identity_of_old_appointments_and_keeps_what_indicators_count()
    {
        var gp = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync();
        var start = app.NextHour(1);
        var oldId = (await app.BookAsync(app.Regulator(), await app.PublishSlotAsync(gp.Id, start, siteId: site.Id), "sas")).GetProperty("id").GetGuid();
        app.Clock.SetUtcNow(start.AddMinutes(30));
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/bookings/{oldId}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.OK);
        var before = await app.AppointmentAsync("bookings", oldId);

        // 90 days after the appointment: still kept. 91 days: erased.
        app.Clock.SetUtcNow(start.AddDays(90));
        var recentId = (await app.BookAsync(app.As("nurse", Guid.NewGuid()), await app.PublishSlotAsync(gp.Id, app.NextHour(1), siteId: site.Id), "nurse")).GetProperty("id").GetGuid();
        Assert.Equal(0, await app.ErasePatientIdentitiesAsync());
        app.Clock.SetUtcNow(start.AddDays(91));
        var bookingsBefore = await app.ScalarAsync<long>("SELECT count(*) FROM bookings");
        Assert.Equal(1, await app.ErasePatientIdentitiesAsync());

        var erased = await app.AppointmentAsync("bookings", oldId);
        Assert.Null(erased.PatientFirstName);
        Assert.Null(erased.PatientLastName);
        Assert.Null(erased.PatientBirthDate);
        Assert.Null(erased.PatientPhone);
        Assert.Null(erased.Reason);
        Assert.NotNull(erased.PatientErasedAt);
        Assert.Equal((before.Channel, before.Status, before.Outcome, before.PatientHasRegularDoctor, before.StartsAt),
            (erased.Channel, erased.Status, erased.Outcome, erased.PatientHasRegularDoctor, erased.StartsAt));
        Assert.Equal("attended", erased.Outcome);
        Assert.Equal(bookingsBefore, await app.ScalarAsync<long>("SELECT count(*) FROM bookings"));

        var recent = await app.AppointmentAsync("bookings", recentId);
        Assert.Equal("Paulette", recent.PatientFirstName);
        Assert.Null(recent.PatientErasedAt);

        // The booking still reads, without a patient.
        var dto = await (await app.Coordinator().GetAsync($"/api/bookings/{oldId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, dto.GetProperty("patient").GetProperty("firstName").ValueKind);
    }
}
