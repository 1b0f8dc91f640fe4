namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>Its own database and clock: the test moves time 91 days forward.</summary>
public sealed class TeleconsultationRetentionTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task Retention_erases_the_patient_of_old_teleconsultations_and_keeps_what_indicators_count()
    {
        var cabinet = await app.NewCabinetAsync();
        var start = app.At(10, daysAhead: 1);
        var oldId = (await app.BookTeleconsultationAsync(cabinet, start)).Id();
        var before = await app.AppointmentAsync("teleconsultations", oldId);

        // 90 days after: kept. 91 days: erased; a recent one stays.
        app.Clock.SetUtcNow(start.AddDays(90));
        var recentId = (await app.BookTeleconsultationAsync(cabinet, app.At(10, daysAhead: 1))).Id();
        Assert.Equal(0, await app.ErasePatientIdentitiesAsync());
        app.Clock.SetUtcNow(start.AddDays(91));
        var count = await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations");
        Assert.Equal(1, await app.ErasePatientIdentitiesAsync());

        var erased = await app.AppointmentAsync("teleconsultations", oldId);
        Assert.Equal((null, null, null, null, null), (erased.PatientFirstName, erased.PatientLastName, erased.PatientBirthDate, erased.PatientPhone, erased.Reason));
        Assert.NotNull(erased.PatientErasedAt);
        Assert.Equal((before.Status, before.PatientHasRegularDoctor, before.SiteId, before.StartsAt),
            (erased.Status, erased.PatientHasRegularDoctor, erased.SiteId, erased.StartsAt));
        Assert.Equal(count, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations"));
        Assert.Equal("Germaine", (await app.AppointmentAsync("teleconsultations", recentId)).PatientFirstName);
        Assert.Equal(0, await app.ErasePatientIdentitiesAsync());
    }
}
