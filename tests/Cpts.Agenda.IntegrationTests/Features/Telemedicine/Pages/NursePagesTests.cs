using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Telemedicine.Pages;

/// <summary>
/// "Téléconsultation assistée" and "Ma journée" without JavaScript: a room chosen by site, hours and
/// age; its free cells and partners' blocks; the doctors free at a cell (GPs first); the booking
/// (one however often posted), a lost race explained with the next free cells; cancel and outcome.
/// </summary>
public sealed class NursePagesTests(AgendaApp app) : IClassFixture<AgendaApp>
{

    private static string Local(DateTimeOffset at) => Paris.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string>[] Patient(Guid doctor, DateTimeOffset at, string firstName = "Gisèle") =>
    [
        new("Form.Medecin", doctor.ToString()), new("Form.Debut", Local(at)),
        new("Form.Prenom", firstName), new("Form.Nom", "Patiente"), new("Form.Naissance", "1948-02-03"),
        new("Form.Telephone", "06 98 76 54 32"), new("Form.MedecinTraitant", "oui"), new("Form.Motif", "Plaie à surveiller"),
    ];

    [Fact]
    public async Task A_nurse_chooses_a_room_and_a_cell_sees_the_free_doctors_GPs_first_books_once_and_finds_it_in_her_day()
    {
        var cab = await app.NewCabinetAsync(minPatientAge: 6);
        await app.ScalarAsync<int>("UPDATE practitioners SET last_name = 'Généraliste-Libre' WHERE id = @Id RETURNING 1", new { Id = cab.DoctorId });
        var specialist = await app.NewPractitionerAsync("other", "Cardiologue-Libre");
        var busyGp = await app.NewPractitionerAsync("generalist", "Occupé-Ailleurs");
        var day = app.Day(2);
        var at = app.At(10, daysAhead: 2);
        await app.PublishSlotAsync(busyGp.Id, at, 30, mode: "teleconsultation");
        await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = Http.IsoDayOfWeek(day), start = "14:00", end = "16:00", holder = "EHPAD Les Tilleuls", from = Http.Iso(day),
        })).ShouldBe(HttpStatusCode.Created);
        var nurse = await app.SignedInAsync(Roles.Nurse, "Manon Page", cab.NurseId);

        var rooms = await nurse.ReadAsync("/teleconsultation");
        Assert.Contains("Salle : lun.–dim. 08:00–12:00, 13:00–20:00 · patients dès 6 ans", rooms);
        Assert.Contains("patients dès 6 ans", rooms);
        Assert.Contains("À domicile ou en établissement", rooms);

        var grid = await nurse.ReadAsync($"/teleconsultation?salle={cab.RoomId}&jour={Http.Iso(day)}");
        Assert.Contains("10:00–10:30", grid);
        Assert.Contains("14:00–16:00 : réservé pour EHPAD Les Tilleuls", grid);
        Assert.DoesNotContain(">14:00–14:30<", grid);

        var path = $"/teleconsultation?salle={cab.RoomId}&jour={Http.Iso(day)}&heure=10:00";
        var form = await nurse.ReadAsync(path);
        Assert.Contains("Généraliste-Libre", form);
        Assert.Contains("Cardiologue-Libre · médecin spécialiste", form);
        Assert.True(form.IndexOf("Généraliste-Libre", StringComparison.Ordinal) < form.IndexOf("Cardiologue-Libre", StringComparison.Ordinal), "GPs first");
        Assert.DoesNotContain("Occupé-Ailleurs", form);

        var html = await nurse.HtmlAsync(path);
        var booked = await nurse.SubmitAsync(html, path, Patient(cab.DoctorId, at));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var location = booked.Headers.Location!.PathAndQuery;
        Assert.StartsWith($"/ma-journee?jour={Http.Iso(day)}&reservee=", location);
        Assert.DoesNotContain("Gisèle", location);
        var again = await nurse.SubmitAsync(html, path, Patient(cab.DoctorId, at));
        Assert.Equal(location, again.Headers.Location?.PathAndQuery); // a double click books once
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE nurse_id = @NurseId", new { cab.NurseId }));
        var id = await app.ScalarAsync<Guid>("SELECT id FROM teleconsultations WHERE nurse_id = @NurseId", new { cab.NurseId });
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'teleconsultation.create' AND object_id = @Id",
            new { Id = id.ToString() }));

        var dayPage = await nurse.ReadAsync(location);
        dayPage.ShouldContainAll("La téléconsultation est réservée.", "10:00–10:30", "Gisèle Patiente", "Alex Généraliste-Libre", "Salle, Site");
        var week = await nurse.ReadAsync($"/ma-journee?jour={Http.Iso(day)}&vue=semaine");
        Assert.Contains("Gisèle Patiente", week);
    }

    [Fact]
    public async Task A_doctor_taken_meanwhile_is_named_in_french_and_the_next_free_cells_book_with_the_same_form()
    {
        var cab = await app.NewCabinetAsync();
        var elsewhere = await app.NewCabinetAsync();
        await app.ScalarAsync<int>("UPDATE practitioners SET last_name = 'Pris-Entretemps' WHERE id = @Id RETURNING 1", new { Id = cab.DoctorId });
        var day = app.Day(3);
        var at = app.At(10, 30, daysAhead: 3);
        var nurse = await app.SignedInAsync(Roles.Nurse, practitionerId: cab.NurseId);
        var path = $"/teleconsultation?salle={cab.RoomId}&jour={Http.Iso(day)}&heure=10:30";
        var html = await nurse.HtmlAsync(path);
        Assert.Contains("Pris-Entretemps", html);

        // Another nurse books that doctor at 10:30 in another cabinet while the form is open.
        await (await app.Nurse(elsewhere.NurseId).PostJsonAsync("/api/teleconsultations",
            TelemedicineSteps.Body(elsewhere.RoomId, at, elsewhere.NurseId, cab.DoctorId))).ShouldBe(HttpStatusCode.Created);
        var refused = await nurse.SubmitAsync(html, path, Patient(cab.DoctorId, at, "Odette"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Alex Pris-Entretemps est déjà engagé·e à cette heure", page);
        Assert.Contains("Prochains horaires libres pour cette salle et Alex Pris-Entretemps", page);
        Assert.Contains("value=\"Odette\"", page); // the patient need not be typed again
        Assert.Contains($"value=\"{Local(at.AddMinutes(30))}\"", page); // 11:00: the room, the doctor and the nurse are free

        var next = await nurse.SubmitAsync(page, path, Patient(cab.DoctorId, at.AddMinutes(30), "Odette"));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal(at.AddMinutes(30), await app.ScalarAsync<DateTimeOffset>(
            "SELECT starts_at FROM teleconsultations WHERE nurse_id = @NurseId AND status = 'active'", new { cab.NurseId }));
    }

    [Fact]
    public async Task A_teleconsultation_at_home_needs_no_room_and_a_refused_patient_is_said_next_to_the_field()
    {
        var cab = await app.NewCabinetAsync();
        var day = app.Day(4);
        var nurse = await app.SignedInAsync(Roles.Nurse, practitionerId: cab.NurseId);
        var path = $"/teleconsultation?salle=domicile&jour={Http.Iso(day)}&heure=09:15&duree=20";
        var html = await nurse.HtmlAsync(path);
        Assert.Contains("09:15–09:35", WebUtility.HtmlDecode(html));

        var bad = await nurse.SubmitAsync(html, path, [.. Patient(cab.DoctorId, app.At(9, 15, 4)).Where(f => f.Key != "Form.Prenom")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Indiquez le prénom du patient", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));

        var ok = await nurse.SubmitAsync(html, path, Patient(cab.DoctorId, app.At(9, 15, 4)));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(20.0, await app.ScalarAsync<double>(
            "SELECT extract(epoch FROM ends_at - starts_at) / 60 FROM teleconsultations WHERE nurse_id = @NurseId AND room_id IS NULL", new { cab.NurseId }));
    }

    [Fact]
    public async Task From_her_day_the_nurse_cancels_one_and_records_the_outcome_of_another_after_it_started()
    {
        var cab = await app.NewCabinetAsync();
        var first = await app.BookTeleconsultationAsync(cab, app.At(9, daysAhead: 1));
        var second = await app.BookTeleconsultationAsync(cab, app.At(11, daysAhead: 1));
        var day = Http.Iso(app.Day(1));
        var member = await app.NewMemberAsync(Roles.Nurse, "Manon Journée", practitionerId: cab.NurseId);
        var nurse = PageClient.For(app);
        await nurse.SignInAsync(member);
        var path = $"/ma-journee?jour={day}";
        var html = await nurse.ReadAsync(path);
        Assert.DoesNotContain("Enregistrer l'issue", html); // not started yet

        var cancelled = await nurse.PostFormAsync(path, path, [new("_handler", $"annuler-{second.GetProperty("id").GetGuid()}"), new("motif", "Patient hospitalisé")]);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("La téléconsultation est annulée", WebUtility.HtmlDecode(await cancelled.Content.ReadAsStringAsync()));
        Assert.Equal("cancelled", await app.ScalarAsync<string>("SELECT status FROM teleconsultations WHERE id = @Id", new { Id = second.GetProperty("id").GetGuid() }));

        app.Clock.Advance(app.At(9, 40, daysAhead: 1) - app.Clock.GetUtcNow());
        nurse = PageClient.For(app); // the session of yesterday has expired
        await nurse.SignInAsync(member);
        var firstId = first.GetProperty("id").GetGuid();
        var recorded = await nurse.PostFormAsync(path, path, [new("_handler", $"issue-{firstId}"), new("issue", "no-show")]);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Contains("L'issue de la téléconsultation est enregistrée.", WebUtility.HtmlDecode(await recorded.Content.ReadAsStringAsync()));
        Assert.Equal("no-show", await app.ScalarAsync<string>("SELECT outcome FROM teleconsultations WHERE id = @firstId", new { firstId }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'teleconsultation.outcome' AND object_id = @Id",
            new { Id = firstId.ToString() }));
    }

    [Fact]
    public async Task A_nurse_cannot_open_coordination_or_other_roles_pages_and_the_API_refuses_her_too()
    {
        var cab = await app.NewCabinetAsync();
        var nurse = await app.SignedInAsync(Roles.Nurse, practitionerId: cab.NurseId);
        foreach (var path in new[] { "/garde-du-jour", "/agenda", "/agenda/gardes" })
        {
            var response = await nurse.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(PageSession.DeniedPath, response.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.Http.GetAsync(PageSession.DeniedPath)).StatusCode);
        // The page session never authorizes the API; her bearer token is refused the coordinator's routes.
        var api = app.Nurse(cab.NurseId);
        await (await api.PostJsonAsync($"/api/sites/{cab.SiteId}/rooms", new { name = "X", slotMinutes = 30, openingHours = TelemedicineSteps.EveryDay() })).ShouldBe(HttpStatusCode.Forbidden);
        await (await api.GetAsync("/api/shifts/roster")).ShouldBe(HttpStatusCode.Forbidden);
        await (await api.GetAsync("/api/audit")).ShouldBe(HttpStatusCode.Forbidden);
        var nav = await nurse.ReadAsync("/");
        Assert.Contains("Téléconsultation assistée", nav);
        Assert.Contains("Ma journée", nav);
        Assert.Contains("Mon calendrier", nav);
        Assert.DoesNotContain("Garde du jour", nav);
    }
}
