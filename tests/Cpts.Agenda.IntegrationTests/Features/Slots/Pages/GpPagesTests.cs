using Dapper;
using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Slots.Pages;

/// <summary>The GP's pages without JavaScript: plain links and form posts, the same handlers as the API.</summary>
public sealed class GpPagesTests(AgendaApp app) : IClassFixture<AgendaApp>
{

    private async Task<(Guid PractitionerId, PageClient Page)> SignedInGpAsync(string lastName)
    {
        var gp = await app.NewPractitionerAsync(lastName: lastName);
        return (gp.Id, await app.SignedInAsync(Roles.Practitioner, $"Alex {lastName}", gp.Id, "/agenda"));
    }

    [Fact]
    public async Task A_GP_publishes_a_repeated_series_sees_it_in_her_week_and_withdraws_one()
    {
        var (gp, page) = await SignedInGpAsync("Publieuse");
        var first = Paris.LocalDate(app.Clock.GetUtcNow()).AddDays(2);
        var html = await page.PostAsync("/agenda/publier",
            ("_handler", "publish"), ("Form.FirstDay", Http.Iso(first)), ("Form.Start", "11:00"), ("Form.End", "12:00"), ("Form.SlotMinutes", "20"),
            ($"Form.{first.DayOfWeek}", "true"), ($"Form.{first.AddDays(1).DayOfWeek}", "true"), ("Form.Weeks", "2"),
            ("Form.Mode", "teleconsultation"), ("Form.SiteId", ""), ("Form.Visibility", "sas"));
        Assert.Contains("12 créneaux publiés", html);
        Assert.Equal(12L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @gp", new { gp }));

        var week = await page.ReadAsync($"/agenda?jour={Http.Iso(first)}");
        Assert.Contains("11:00–11:20", week);
        Assert.Contains("Créneau libre", week);
        var slotId = await app.ScalarAsync<Guid>("SELECT id FROM slots WHERE practitioner_id = @gp ORDER BY starts_at LIMIT 1", new { gp });
        Assert.Contains($"/agenda/creneaux/{slotId}", week);

        var withdrawn = await page.PostAsync($"/agenda/creneaux/{slotId}", ("_handler", "withdraw"));
        Assert.Contains("Le créneau est retiré.", withdrawn);
        Assert.Equal("withdrawn", await app.ScalarAsync<string>("SELECT status FROM slots WHERE id = @slotId", new { slotId }));
        Assert.Contains("Créneau retiré", await page.ReadAsync($"/agenda?jour={Http.Iso(first)}"));
    }

    [Fact]
    public async Task The_week_shows_her_active_teleconsultations_of_each_day_and_not_a_cancelled_one()
    {
        var cab = await app.NewCabinetAsync();
        var page = await app.SignedInAsync(Roles.Practitioner, "Alex Medecin", cab.DoctorId, "/agenda");
        await app.BookTeleconsultationAsync(cab, app.At(9, daysAhead: 2));
        await app.BookTeleconsultationAsync(cab, app.At(16, daysAhead: 2));
        var cancelled = (await app.BookTeleconsultationAsync(cab, app.At(11, daysAhead: 2))).Id();
        await (await app.Nurse(cab.NurseId).PostJsonAsync($"/api/teleconsultations/{cancelled}/cancel", new { reason = "Patient hospitalisé" }))
            .ShouldBe(HttpStatusCode.OK);

        var week = await page.ReadAsync($"/agenda?jour={Http.Iso(app.Day(2))}");
        Assert.Equal(2, week.Split("<li class=\"entry entry--tele\">").Length - 1);
        week.ShouldContainAll("09:00–09:30", "16:00–16:30");
        Assert.DoesNotContain("11:00–11:30", week);
        var day = week[week.IndexOf($"id=\"day-{Http.Iso(app.Day(2))}\"", StringComparison.Ordinal)..];
        Assert.True(day.IndexOf("09:00–09:30", StringComparison.Ordinal) < day.IndexOf("16:00–16:30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_series_publishes_nothing_and_says_which_slot_clashed()
    {
        var (gp, page) = await SignedInGpAsync("Chevauchee");
        var first = Paris.LocalDate(app.Clock.GetUtcNow()).AddDays(3);
        await app.PublishSlotAsync(gp, Paris.ToInstant(first, new TimeOnly(11, 30)), 20, mode: "teleconsultation");
        var response = await page.PostFormAsync("/agenda/publier", "/agenda/publier", new Dictionary<string, string>
        {
            ["_handler"] = "publish", ["Form.FirstDay"] = Http.Iso(first), ["Form.Start"] = "11:00", ["Form.End"] = "12:00", ["Form.SlotMinutes"] = "20",
            ["Form.Weeks"] = "1", ["Form.Mode"] = "teleconsultation", ["Form.Visibility"] = "sas",
        });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Rien n'a été publié", html);
        Assert.Contains("11:20–11:40 : Chevauche un créneau déjà publié (de 11:30 à 11:50)", html);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @gp", new { gp }));
    }

    [Fact]
    public async Task The_GP_sees_the_booking_with_the_patient_and_records_the_outcome_and_a_colleague_cannot_see_that_patient()
    {
        var (gp, page) = await SignedInGpAsync("Consultante");
        var start = app.NextHour(1);
        var slotId = await app.PublishSlotAsync(gp, start, mode: "teleconsultation");
        var booking = (await app.BookAsync(app.Regulator(), slotId)).GetProperty("id").GetGuid();

        var week = await page.ReadAsync($"/agenda?jour={Http.Iso(Paris.LocalDate(start))}");
        Assert.Contains("Réservé : Paulette Patiente", week);
        var detail = await page.ReadAsync($"/agenda/creneaux/{slotId}");
        detail.ShouldContainAll("Paulette Patiente", "06 12 34 56 78", "Fièvre depuis deux jours", "le régulateur du SAS", "régulation SAS");

        app.Clock.Advance(start - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        var recorded = await page.PostAsync($"/agenda/creneaux/{slotId}", ("_handler", "outcome"), ("Outcome.Status", "attended"), ("Outcome.Reoriented", "true"));
        Assert.Contains("L'issue du rendez-vous est enregistrée.", recorded);
        Assert.Equal("attended", await app.ScalarAsync<string>("SELECT outcome FROM bookings WHERE id = @booking", new { booking }));
        Assert.True(await app.ScalarAsync<bool>("SELECT reoriented_to_regular_doctor FROM bookings WHERE id = @booking", new { booking }));

        var (colleague, other) = await SignedInGpAsync("Voisine");
        var refused = await other.ReadAsync($"/agenda/creneaux/{slotId}", HttpStatusCode.Forbidden);
        Assert.DoesNotContain("Patiente", refused);
        Assert.DoesNotContain("06 12 34 56 78", refused);
        Assert.DoesNotContain("Patiente", await other.ReadAsync($"/agenda?jour={Http.Iso(Paris.LocalDate(start))}"));
        await (await app.Practitioner(colleague).GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(colleague).GetAsync($"/api/slots?practitionerId={gp}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Opening_a_booked_slot_on_the_page_is_audited_as_a_read_of_the_booking_like_the_API_read()
    {
        var (gp, page) = await SignedInGpAsync("Auditee");
        var booked = await app.PublishSlotAsync(gp, app.NextHour(2), mode: "teleconsultation");
        var booking = (await app.BookAsync(app.Regulator(), booked)).GetProperty("id").GetGuid();
        var free = await app.PublishSlotAsync(gp, app.NextHour(3), mode: "teleconsultation");

        (await page.ReadAsync($"/agenda/creneaux/{booked}")).ShouldContainAll("Paulette Patiente");
        await page.ReadAsync($"/agenda/creneaux/{free}");
        var (_, other) = await SignedInGpAsync("Curieuse");
        await other.ReadAsync($"/agenda/creneaux/{booked}", HttpStatusCode.Forbidden);

        await using var c = await app.OpenAsync();
        const string Reads = "SELECT action || ' ' || outcome || ' ' || status_code FROM audit_events WHERE object_id = @Id AND action IN ('booking.read', 'slot.read') ORDER BY id";
        Assert.Equal(["booking.read done 200"], await c.QueryAsync<string>(Reads, new { Id = booking.ToString() }));
        Assert.Equal(["slot.read refused 403"], await c.QueryAsync<string>(Reads, new { Id = booked.ToString() }));
        Assert.Empty(await c.QueryAsync<string>(Reads, new { Id = free.ToString() }));
    }

    [Fact]
    public async Task The_GP_cancels_a_booking_with_a_reason_and_the_slot_is_free_again()
    {
        var (gp, page) = await SignedInGpAsync("Annuleuse");
        var slotId = await app.PublishSlotAsync(gp, app.NextHour(5), mode: "teleconsultation");
        var booking = (await app.BookAsync(app.Regulator(), slotId)).GetProperty("id").GetGuid();
        var html = await page.PostAsync($"/agenda/creneaux/{slotId}", ("_handler", "cancel"), ("Cancel.Reason", "Médecin appelé en urgence"));
        Assert.Contains("Le rendez-vous est annulé", html);
        Assert.Equal("Médecin appelé en urgence", await app.ScalarAsync<string>("SELECT cancel_reason FROM bookings WHERE id = @booking", new { booking }));
        Assert.Equal("free", await app.ScalarAsync<string>("SELECT status FROM slots WHERE id = @slotId", new { slotId }));
    }

    [Fact]
    public async Task The_GP_takes_an_open_shift_of_her_profession_and_releases_it()
    {
        var (gp, page) = await SignedInGpAsync("Gardienne");
        var (_, evening) = await app.EveningShiftAsync(daysAhead: 5);
        var shifts = await page.ReadAsync("/agenda/gardes");
        Assert.Contains("Gardes à pourvoir", shifts);
        var taken = await page.PostAsync("/agenda/gardes", ("_handler", $"volunteer-{evening.Id()}"));
        Assert.Contains("La garde est à vous.", taken);
        Assert.Equal(gp, await app.ScalarAsync<Guid>("SELECT assignee_id FROM shifts WHERE id = @id", new { id = evening.Id() }));
        var released = await page.PostAsync("/agenda/gardes", ("_handler", $"release-{evening.Id()}"));
        Assert.Contains("La garde est libérée", released);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE id = @id AND assignee_id IS NOT NULL", new { id = evening.Id() }));
    }

    [Fact]
    public async Task The_agenda_is_for_practitioners_only()
    {
        var anonymous = PageClient.For(app);
        var response = await anonymous.Http.GetAsync("/agenda");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/connexion", response.Headers.Location!.OriginalString);
        var regulator = await app.SignedInAsync(Roles.Regulator, "Régulateur Test");
        var denied = await regulator.Http.GetAsync("/agenda");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}
