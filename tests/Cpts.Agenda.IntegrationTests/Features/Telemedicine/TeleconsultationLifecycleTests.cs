namespace Cpts.Agenda.IntegrationTests.Features.Telemedicine;

public sealed class TeleconsultationLifecycleTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Cancelling_frees_the_room_the_nurse_and_the_doctor()
    {
        var cab = await app.NewCabinetAsync();
        var t = await app.BookTeleconsultationAsync(cab, app.At(10));
        var cancelled = await (await app.As(Roles.Practitioner, cab.DoctorId).PostJsonAsync($"/api/teleconsultations/{t.Id()}/cancel", new { reason = "Médecin indisponible" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE source_id = @Id", new { Id = t.Id() }));
        // All three can be booked again at that time; cancelling twice answers the cancelled teleconsultation.
        await app.BookTeleconsultationAsync(cab, app.At(10));
        Assert.Equal("cancelled", (await (await app.Coordinator().PostAsync($"/api/teleconsultations/{t.Id()}/cancel", null))
            .ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_list_and_the_teleconsultation_name_the_nurse_the_doctor_and_the_site()
    {
        var cab = await app.NewCabinetAsync();
        var t = await app.BookTeleconsultationAsync(cab, app.At(15, daysAhead: 4));
        var list = await (await app.Practitioner(cab.DoctorId).GetAsync($"/api/teleconsultations?date={app.Day(4):yyyy-MM-dd}")).ShouldBe(HttpStatusCode.OK);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        var read = await (await app.Nurse(cab.NurseId).GetAsync($"/api/teleconsultations/{t.Id()}")).ShouldBe(HttpStatusCode.OK);
        foreach (var answer in new[] { item, read })
        {
            Assert.Equal("Alex Medecin", answer.GetProperty("doctor").GetProperty("name").GetString());
            Assert.Equal("Alex Infirmiere", answer.GetProperty("nurse").GetProperty("name").GetString());
            Assert.Equal("nurse", answer.GetProperty("nurse").GetProperty("profession").GetString());
            Assert.Equal(cab.SiteId, answer.GetProperty("site").GetProperty("id").GetGuid());
            Assert.Equal("1 rue de Test", answer.GetProperty("site").GetProperty("address").GetString());
        }
    }

    [Fact]
    public async Task Only_those_concerned_cancel_or_read_a_teleconsultation()
    {
        var cab = await app.NewCabinetAsync();
        var t = await app.BookTeleconsultationAsync(cab, app.At(11));
        var otherNurse = await app.NewPractitionerAsync("nurse");
        var otherDoctor = await app.NewPractitionerAsync();
        var url = $"/api/teleconsultations/{t.Id()}";
        await (await app.Nurse(otherNurse.Id).PostAsync(url + "/cancel", null)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(otherDoctor.Id).PostAsync(url + "/cancel", null)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Nurse(otherNurse.Id).GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
        foreach (var client in new[] { app.Nurse(cab.NurseId), app.Practitioner(cab.DoctorId), app.Coordinator() })
            Assert.Equal("Germaine", (await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK)).GetProperty("patient").GetProperty("firstName").GetString());
        await (await app.Coordinator().GetAsync($"/api/teleconsultations/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().PostAsync($"/api/teleconsultations/{Guid.NewGuid()}/cancel", null)).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().PostJsonAsync($"/api/teleconsultations/{Guid.NewGuid()}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Nurse(cab.NurseId).PostJsonAsync(url + "/cancel", new { reason = new string('x', 501) })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.Equal("active", (await (await app.Nurse(cab.NurseId).GetAsync(url)).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_nurse_sees_her_day_a_doctor_his_and_the_coordinator_a_site()
    {
        var cab = await app.NewCabinetAsync();
        var secondRoom = await app.NewRoomAsync(cab.SiteId);
        var otherNurse = await app.NewPractitionerAsync("nurse");
        var otherDoctor = await app.NewPractitionerAsync();
        var mine = await app.BookTeleconsultationAsync(cab, app.At(9));
        var mineLater = await app.BookTeleconsultationAsync(cab, app.At(15));
        var hers = await (await app.Nurse(otherNurse.Id).PostJsonAsync("/api/teleconsultations",
            TelemedicineSteps.Body(secondRoom, app.At(9), otherNurse.Id, otherDoctor.Id))).ShouldBe(HttpStatusCode.Created);
        var home = await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations",
            TelemedicineSteps.Body(null, app.At(11), cab.NurseId, otherDoctor.Id))).ShouldBe(HttpStatusCode.Created);
        await app.BookTeleconsultationAsync(cab, app.At(9, daysAhead: 3)); // another day
        var day = Http.Iso(app.Day());

        async Task<List<Guid>> Ids(HttpClient client, string query) =>
            (await (await client.GetAsync($"/api/teleconsultations?date={day}{query}")).ShouldBe(HttpStatusCode.OK)).ItemIds();

        Assert.Equal([mine.Id(), home.Id(), mineLater.Id()], await Ids(app.Nurse(cab.NurseId), ""));
        Assert.Equal([mine.Id(), home.Id(), mineLater.Id()], await Ids(app.Nurse(cab.NurseId), $"&nurseId={cab.NurseId}"));
        Assert.Equal([mine.Id(), mineLater.Id()], await Ids(app.Practitioner(cab.DoctorId), ""));
        Assert.Equal([hers.Id(), home.Id()], await Ids(app.Practitioner(otherDoctor.Id), ""));
        Assert.Equal([mine.Id(), hers.Id(), mineLater.Id()], await Ids(app.Coordinator(), $"&siteId={cab.SiteId}")); // start, then id
        Assert.Equal([hers.Id()], await Ids(app.Coordinator(), $"&roomId={secondRoom}"));
        Assert.Equal([hers.Id(), home.Id()], await Ids(app.Coordinator(), $"&doctorId={otherDoctor.Id}"));

        await (await app.Nurse(cab.NurseId).GetAsync($"/api/teleconsultations?date={day}&nurseId={otherNurse.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(cab.DoctorId).GetAsync($"/api/teleconsultations?date={day}&doctorId={otherDoctor.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().GetAsync($"/api/teleconsultations?date={day}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Secretary).GetAsync($"/api/teleconsultations?date={day}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().GetAsync("/api/teleconsultations?date=tomorrow")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Coordinator().GetAsync($"/api/teleconsultations?date={day}&status=done")).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor()
    {
        var cab = await app.NewCabinetAsync();
        var booked = new List<Guid>();
        foreach (var hour in new[] { 8, 9, 10, 14, 15 }) booked.Add((await app.BookTeleconsultationAsync(cab, app.At(hour))).Id());
        var pages = await app.Nurse(cab.NurseId).PagesAsync($"/api/teleconsultations?date={Http.Iso(app.Day())}&limit=2");
        Assert.Equal(booked, pages.SelectMany(Http.ItemIds));
    }

    [Fact]
    public async Task The_outcome_is_recorded_after_the_start_by_the_doctor_or_the_nurse()
    {
        var cab = await app.NewCabinetAsync();
        var start = app.At(9, daysAhead: 1);
        var t = await app.BookTeleconsultationAsync(cab, start);
        var withDoctor = await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations",
            TelemedicineSteps.Body(cab.RoomId, start.AddMinutes(30), cab.NurseId, cab.DoctorId, TelemedicineSteps.Patient(hasRegularDoctor: true))))
            .ShouldBe(HttpStatusCode.Created);
        var url = $"/api/teleconsultations/{t.Id()}/outcome";
        Assert.Contains("not started", (await (await app.Practitioner(cab.DoctorId).PostJsonAsync(url, new { status = "attended" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());

        app.Clock.Advance(start.AddMinutes(70) - app.Clock.GetUtcNow());
        await (await app.Practitioner(cab.DoctorId).PostJsonAsync(url, new { status = "maybe" })).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Practitioner((await app.NewPractitionerAsync()).Id).PostJsonAsync(url, new { status = "attended" })).ShouldBe(HttpStatusCode.Forbidden);
        // This patient has no regular doctor: nobody to re-orient to.
        await (await app.Practitioner(cab.DoctorId).PostJsonAsync(url, new { status = "attended", reorientedToRegularDoctor = true }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        var attended = await (await app.Practitioner(cab.DoctorId).PostJsonAsync(url, new { status = "attended" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("attended", attended.GetProperty("outcome").GetString());

        var reoriented = await (await app.Nurse(cab.NurseId).PostJsonAsync($"/api/teleconsultations/{withDoctor.Id()}/outcome",
            new { status = "attended", reorientedToRegularDoctor = true })).ShouldBe(HttpStatusCode.OK);
        Assert.True(reoriented.GetProperty("reorientedToRegularDoctor").GetBoolean());

        // With an outcome it can no longer be cancelled.
        await (await app.Coordinator().PostAsync($"/api/teleconsultations/{t.Id()}/cancel", null)).ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_cancelled_teleconsultation_takes_no_outcome()
    {
        var cab = await app.NewCabinetAsync();
        var start = app.At(19, daysAhead: 1);
        var t = await app.BookTeleconsultationAsync(cab, start);
        await (await app.Nurse(cab.NurseId).PostAsync($"/api/teleconsultations/{t.Id()}/cancel", null)).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(start.AddMinutes(40) - app.Clock.GetUtcNow());
        await (await app.Coordinator().PostJsonAsync($"/api/teleconsultations/{t.Id()}/outcome", new { status = "no-show" })).ShouldBe(HttpStatusCode.Conflict);
    }
}
