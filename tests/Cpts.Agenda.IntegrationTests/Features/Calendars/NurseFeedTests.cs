namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class NurseFeedTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task A_nurse_subscribes_to_her_own_agenda_and_sees_her_teleconsultations_without_patient_data()
    {
        var cabinet = await app.NewCabinetAsync();
        var start = app.At(10, 0);
        var booked = await app.BookTeleconsultationAsync(cabinet, start);
        var other = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(other, app.At(11, 0));

        var (_, url) = await app.Nurse(cabinet.NurseId).CreateFeedAsync("practitioner", cabinet.NurseId);
        var (text, calendar) = await app.ReadFeedAsync(url);

        var item = Assert.Single(calendar.Events);
        Assert.Equal($"teleconsultation-{booked.GetProperty("id").GetGuid()}@cpts-agenda", item.Uid);
        Assert.Equal(start, new DateTimeOffset(item.DtStart!.AsUtc, TimeSpan.Zero));
        Assert.StartsWith("Téléconsultation – ", item.Summary);
        Assert.Contains("Medecin", item.Description);
        text.ShouldContainNone("Germaine", "Patiente", "Toux");
    }

    [Fact]
    public async Task A_nurse_revokes_her_feed_but_cannot_subscribe_to_someone_else()
    {
        var cabinet = await app.NewCabinetAsync();
        var nurse = app.Nurse(cabinet.NurseId);
        var (id, url) = await nurse.CreateFeedAsync("practitioner", cabinet.NurseId);

        await (await nurse.PostJsonAsync("/api/feeds", new { scope = "practitioner", id = cabinet.DoctorId })).ShouldBe(HttpStatusCode.Forbidden);
        await (await nurse.PostJsonAsync("/api/feeds", new { scope = "room", id = cabinet.RoomId })).ShouldBe(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await nurse.DeleteAsync($"/api/feeds/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(FeedSteps.PathOf(url))).StatusCode);
    }
}
