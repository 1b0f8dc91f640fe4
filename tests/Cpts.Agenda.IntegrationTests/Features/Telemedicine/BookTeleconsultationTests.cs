using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Telemedicine;

public sealed class BookTeleconsultationTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const string Url = "/api/teleconsultations";

    private Task<long> Commitments(Guid teleconsultationId) =>
        app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE source_kind = 'teleconsultation' AND source_id = @teleconsultationId", new { teleconsultationId });

    /// <summary>Of parallel bookings of one nurse or doctor, exactly one is created, every other is a 409 saying that person is already committed, and the person holds one commitment.</summary>
    private async Task OnlyOneWinsAsync(HttpResponseMessage[] responses, string who, Guid holderId)
    {
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            Assert.Contains($"The {who} is already committed", (await loser.ShouldBe(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE holder_id = @holderId", new { holderId }));
    }

    /// <summary>The conflict names the one resource that is taken (room, nurse or doctor), and only that one.</summary>
    private static void NamesOnly(JsonElement problem, string taken)
    {
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(taken, detail);
        foreach (var free in new[] { "room", "nurse", "doctor" }.Where(r => r != taken)) Assert.DoesNotContain(free, detail);
    }

    [Fact]
    public async Task A_nurse_books_the_room_herself_and_a_remote_doctor()
    {
        var cab = await app.NewCabinetAsync();
        var start = app.At(9, 30);
        var response = await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(start));
        var t = await response.ShouldBe(HttpStatusCode.Created);

        var id = t.GetProperty("id").GetGuid();
        Assert.Equal($"/api/teleconsultations/{id}", response.Headers.Location?.ToString());
        Assert.Equal(cab.RoomId, t.GetProperty("roomId").GetGuid());
        Assert.Equal(cab.SiteId, t.GetProperty("siteId").GetGuid());
        Assert.Equal("cabinet", t.GetProperty("place").GetString());
        Assert.Equal("active", t.GetProperty("status").GetString());
        Assert.Equal(start, t.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(start.AddMinutes(30), t.GetProperty("end").GetDateTimeOffset()); // the room's grid by default
        Assert.Equal("Germaine", t.GetProperty("patient").GetProperty("firstName").GetString());
        Assert.Equal(3L, await Commitments(id));
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM commitments WHERE source_id = @id AND holder_id = @RoomId AND holder_kind = 'room'", new { id, cab.RoomId }));
    }

    [Fact]
    public async Task The_end_follows_the_room_grid_and_may_span_several_slots()
    {
        var cab = await app.NewCabinetAsync(slotMinutes: 20);
        var start = app.At(8, 40);
        var t = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(start))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(start.AddMinutes(20), t.GetProperty("end").GetDateTimeOffset());
        var longer = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(start.AddMinutes(20), end: start.AddMinutes(60)))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(start.AddMinutes(60), longer.GetProperty("end").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_assisted_teleconsultation_at_home_holds_only_the_nurse_and_the_doctor()
    {
        var nurse = await app.NewPractitionerAsync("nurse");
        var doctor = await app.NewPractitionerAsync();
        var start = app.At(21, 10); // no opening hours and no grid without a room
        var t = await (await app.Nurse(nurse.Id).PostJsonAsync(Url, TelemedicineSteps.Body(null, start, nurse.Id, doctor.Id)))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal("home", t.GetProperty("place").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("roomId").ValueKind);
        Assert.Equal(start.AddMinutes(30), t.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(2L, await Commitments(t.GetProperty("id").GetGuid()));

        // The same nurse cannot be at the patient's home and in a cabinet at once.
        var cab = await app.NewCabinetAsync();
        var clash = await (await app.Nurse(nurse.Id).PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(19, 0), nurse.Id, cab.DoctorId, end: app.At(20, 0))))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal("cabinet", clash.GetProperty("place").GetString());
        var refused = await (await app.Coordinator().PostJsonAsync(Url, TelemedicineSteps.Body(null, start, nurse.Id, cab.DoctorId))).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("nurse", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_taken_room_returns_409_naming_the_room_and_no_patient_data()
    {
        var cab = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(cab, app.At(10));
        var other = await app.NewCabinetAsync();
        var response = await app.Nurse(other.NurseId).PostJsonAsync(Url,
            TelemedicineSteps.Body(cab.RoomId, app.At(10), other.NurseId, other.DoctorId, TelemedicineSteps.Patient(firstName: "Bernadette", lastName: "Secret")));
        var problem = await response.ShouldBe(HttpStatusCode.Conflict);
        NamesOnly(problem, "room");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContainNone("Bernadette", "Secret");
    }

    [Fact]
    public async Task A_nurse_already_in_another_room_returns_409_naming_the_nurse()
    {
        var cab = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(cab, app.At(10));
        var other = await app.NewCabinetAsync();
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url,
            TelemedicineSteps.Body(other.RoomId, app.At(10), cab.NurseId, other.DoctorId))).ShouldBe(HttpStatusCode.Conflict);
        NamesOnly(problem, "nurse");
    }

    [Fact]
    public async Task A_doctor_already_in_a_teleconsultation_returns_409_naming_the_doctor()
    {
        var cab = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(cab, app.At(10));
        var other = await app.NewCabinetAsync();
        // Overlapping, not identical: 09:30-10:30 against 10:00-10:30.
        var problem = await (await app.Nurse(other.NurseId).PostJsonAsync(Url,
            TelemedicineSteps.Body(other.RoomId, app.At(9, 30), other.NurseId, cab.DoctorId, end: app.At(10, 30)))).ShouldBe(HttpStatusCode.Conflict);
        NamesOnly(problem, "doctor");
    }

    [Fact]
    public async Task A_doctor_holding_an_SNP_slot_at_that_time_returns_409_naming_the_doctor()
    {
        var cab = await app.NewCabinetAsync();
        await app.PublishSlotAsync(cab.DoctorId, app.At(11, 10), minutes: 20, mode: "teleconsultation");
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(11)))).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("doctor", problem.GetProperty("detail").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE room_id = @RoomId", new { cab.RoomId }));
        // Back to back with the slot is fine.
        await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(11, 30)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_SNP_slot_cannot_be_published_over_a_teleconsultation()
    {
        var cab = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(cab, app.At(15));
        var response = await app.Practitioner(cab.DoctorId).PostJsonAsync("/api/slots", new
        {
            practitionerId = cab.DoctorId, start = Http.Iso(app.At(15, 15)), end = Http.Iso(app.At(15, 35)), mode = "teleconsultation", visibility = "sas",
        });
        await response.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Of_10_parallel_bookings_of_one_room_exactly_one_wins()
    {
        var cab = await app.NewCabinetAsync();
        var people = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            (Nurse: (await app.NewPractitionerAsync("nurse")).Id, Doctor: (await app.NewPractitionerAsync()).Id)));
        var start = app.At(14);
        var responses = await Task.WhenAll(people.Select(p =>
            app.Nurse(p.Nurse).PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, start, p.Nurse, p.Doctor))));
        var seen = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, seen);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.True(loser.StatusCode == HttpStatusCode.Conflict, seen);
            Assert.True((await loser.Content.ReadAsStringAsync()).Contains("The room is taken", StringComparison.Ordinal), seen);
        }
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE room_id = @RoomId", new { cab.RoomId }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM commitments WHERE holder_id = @RoomId", new { cab.RoomId }));
    }

    [Fact]
    public async Task Of_10_parallel_bookings_of_one_nurse_in_different_rooms_exactly_one_wins()
    {
        var nurse = await app.NewPractitionerAsync("nurse");
        var site = await app.NewSiteAsync("telemedicine");
        var setups = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            (Room: i % 3 == 2 ? (Guid?)null : await app.NewRoomAsync(site.Id), Doctor: (await app.NewPractitionerAsync()).Id)));
        var start = app.At(16);
        var responses = await Task.WhenAll(setups.Select(s =>
            app.Nurse(nurse.Id).PostJsonAsync(Url, TelemedicineSteps.Body(s.Room, start, nurse.Id, s.Doctor))));
        await OnlyOneWinsAsync(responses, "nurse", nurse.Id);
    }

    [Fact]
    public async Task Of_10_parallel_bookings_of_one_doctor_exactly_one_wins()
    {
        var doctor = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync("telemedicine");
        var setups = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            (Room: await app.NewRoomAsync(site.Id), Nurse: (await app.NewPractitionerAsync("nurse")).Id)));
        var start = app.At(17);
        var responses = await Task.WhenAll(setups.Select(s =>
            app.Coordinator().PostJsonAsync(Url, TelemedicineSteps.Body(s.Room, start, s.Nurse, doctor.Id))));
        await OnlyOneWinsAsync(responses, "doctor", doctor.Id);
    }

    [Fact]
    public async Task The_database_refuses_two_teleconsultations_of_one_room_at_once()
    {
        var cab = await app.NewCabinetAsync();
        var first = await app.BookTeleconsultationAsync(cab, app.At(9));
        var other = await app.NewCabinetAsync();
        await using var c = await app.OpenAsync();
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Dapper.SqlMapper.ExecuteAsync(c, """
            INSERT INTO teleconsultations (id, room_id, site_id, nurse_id, doctor_id, starts_at, ends_at, patient_first_name, patient_last_name,
                patient_birth_date, patient_has_regular_doctor, booked_by, booked_by_role, created_at)
            SELECT gen_random_uuid(), room_id, site_id, @Nurse, @Doctor, starts_at, ends_at, 'A', 'B', '1990-01-01', true, 'x', 'coordinator', now()
            FROM teleconsultations WHERE id = @Id
            """, new { Id = first.GetProperty("id").GetGuid(), Nurse = other.NurseId, Doctor = other.DoctorId }));
        Assert.Equal("23P01", e.SqlState);
    }

    [Theory]
    [InlineData(12, 0, "closed at that time")] // between 12:00 and 13:00
    [InlineData(7, 30, "closed at that time")] // before 08:00
    [InlineData(9, 10, "grid")]                // not on the 30-minute grid
    public async Task A_time_outside_opening_hours_or_off_the_grid_returns_422_saying_why(int hour, int minute, string why)
    {
        var cab = await app.NewCabinetAsync();
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(hour, minute)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(why, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Running_past_closing_time_or_a_broken_length_returns_422()
    {
        var cab = await app.NewCabinetAsync();
        var closing = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(11, 30), end: app.At(12, 30)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("must end by 12:00", closing.GetProperty("detail").GetString());
        var length = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9), end: app.At(9, 45)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("whole number of 30-minute slots", length.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_closed_day_returns_422()
    {
        var cab = await app.NewCabinetAsync(openingHours: [new { dayOfWeek = Http.IsoDayOfWeek(app.Day(3)), start = "08:30", end = "12:30" }]);
        await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9, 30, daysAhead: 3)))).ShouldBe(HttpStatusCode.Created);
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9, 30, daysAhead: 2)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("closed on", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_patient_under_the_room_minimum_age_returns_422()
    {
        var cab = await app.NewCabinetAsync();
        var day = app.Day();
        var almostSix = Http.Iso(day.AddYears(-6).AddDays(1));
        var justSix = Http.Iso(day.AddYears(-6));
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9), TelemedicineSteps.Patient(almostSix))))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("from 6 years old", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(almostSix, problem.GetProperty("detail").GetString());
        await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9), TelemedicineSteps.Patient(justSix)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_room_with_its_own_minimum_age_applies_it()
    {
        var cab = await app.NewCabinetAsync(minPatientAge: 0);
        var toddler = Http.Iso(app.Day().AddYears(-2));
        await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9), TelemedicineSteps.Patient(toddler)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_teleconsultation_in_the_past_returns_422()
    {
        var cab = await app.NewCabinetAsync();
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync(Url, cab.Body(app.At(9, daysAhead: -1)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("past", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_nurse_books_only_as_herself()
    {
        var cab = await app.NewCabinetAsync();
        var otherNurse = await app.NewPractitionerAsync("nurse");
        await (await app.Nurse(otherNurse.Id).PostJsonAsync(Url, cab.Body(app.At(9)))).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Nurse).PostJsonAsync(Url, cab.Body(app.At(9)))).ShouldBe(HttpStatusCode.Forbidden);
        // The coordinator books for any nurse.
        await (await app.Coordinator().PostJsonAsync(Url, cab.Body(app.At(9)))).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(Roles.Regulator)]
    [InlineData(Roles.Practitioner)]
    [InlineData(Roles.Secretary)]
    public async Task Other_roles_cannot_book_a_teleconsultation(string role)
    {
        var cab = await app.NewCabinetAsync();
        var client = app.As(role, role == Roles.Practitioner ? cab.DoctorId : null);
        await (await client.PostJsonAsync(Url, cab.Body(app.At(9)))).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostJsonAsync(Url, cab.Body(app.At(9)))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_room_nurse_or_doctor_returns_404()
    {
        var cab = await app.NewCabinetAsync();
        var unknown = Guid.NewGuid();
        var coordinator = app.Coordinator();
        Assert.Contains("Room", (await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(unknown, app.At(9), cab.NurseId, cab.DoctorId)))
            .ShouldBe(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Contains("Nurse", (await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(9), unknown, cab.DoctorId)))
            .ShouldBe(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Contains("Doctor", (await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(9), cab.NurseId, unknown)))
            .ShouldBe(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_nurse_must_be_a_nurse_and_the_doctor_a_doctor()
    {
        var cab = await app.NewCabinetAsync();
        var gp = await app.NewPractitionerAsync();
        var physio = await app.NewPractitionerAsync("physiotherapist");
        var specialist = await app.NewPractitionerAsync("other");
        var coordinator = app.Coordinator();
        Assert.Contains("nurse", (await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(9), gp.Id, cab.DoctorId)))
            .ShouldBe(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        Assert.Contains("doctor", (await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(9), cab.NurseId, physio.Id)))
            .ShouldBe(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        Assert.Contains("doctor", (await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(9), cab.NurseId, cab.NurseId)))
            .ShouldBe(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("doctorId")[0].GetString());
        await (await coordinator.PostJsonAsync(Url, TelemedicineSteps.Body(cab.RoomId, app.At(9), cab.NurseId, specialist.Id))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bad_input_returns_400_with_the_fields_and_writes_nothing()
    {
        var cab = await app.NewCabinetAsync();
        var client = app.Nurse(cab.NurseId);
        var missing = await (await client.PostJsonAsync(Url, new { roomId = cab.RoomId })).ShouldBe(HttpStatusCode.BadRequest);
        var errors = missing.GetProperty("errors");
        Assert.True(errors.TryGetProperty("start", out _));
        Assert.True(errors.TryGetProperty("nurseId", out _));
        Assert.True(errors.TryGetProperty("doctorId", out _));
        Assert.True(errors.TryGetProperty("patient", out _));

        var badPatient = await (await client.PostJsonAsync(Url, cab.Body(app.At(9), new { firstName = "", lastName = "X", birthDate = "2150-01-01", hasRegularDoctor = true })))
            .ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(badPatient.GetProperty("errors").TryGetProperty("patient.firstName", out _));
        Assert.True(badPatient.GetProperty("errors").TryGetProperty("patient.birthDate", out _));

        await (await client.PostJsonAsync(Url, cab.Body(app.At(9), end: app.At(8)))).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostAsync(Url, new StringContent("{\"start\": ", Encoding.UTF8, "application/json"))).ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostAsync(Url, new StringContent("{\"start\": \"tomorrow\"}", Encoding.UTF8, "application/json"))).ShouldBe(HttpStatusCode.BadRequest);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE nurse_id = @NurseId", new { cab.NurseId }));
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_returns_the_first_teleconsultation()
    {
        var cab = await app.NewCabinetAsync();
        var client = app.Nurse(cab.NurseId);
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Send(object body) => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(body, options: Http.Json),
        });
        var first = await (await Send(cab.Body(app.At(10)))).ShouldBe(HttpStatusCode.Created);
        var replay = await (await Send(cab.Body(app.At(10)))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE room_id = @RoomId", new { cab.RoomId }));
        await (await Send(cab.Body(app.At(11)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
