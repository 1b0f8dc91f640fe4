using System.Text;
using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Reports;

/// <summary>A scenario with known counts, over two Paris weeks that no other test of this class touches.</summary>
public sealed class IndicatorsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private DateOnly Monday()
    {
        var d = Paris.LocalDate(app.Clock.GetUtcNow()).AddDays(8);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    private DateTimeOffset At(DateOnly day, int hour) => Paris.ToInstant(day, new TimeOnly(hour, 0));

    private async Task<Guid> Book(Guid slotId, string channel, bool hasRegularDoctor = true) =>
        (await app.BookAsync(channel == "sas" ? app.Regulator() : app.Coordinator(), slotId, channel, Steps.Patient(hasRegularDoctor: hasRegularDoctor))).Id();

    private int ShiftsTotal { get; set; }
    private Guid SiteA { get; set; }
    private Guid SiteB { get; set; }

    private async Task<(DateOnly From, DateOnly To)> Scenario()
    {
        var w1 = Monday();
        var w2 = w1.AddDays(7);
        var (gp1, gp2, gp3) = (await app.NewPractitionerAsync(), await app.NewPractitionerAsync(), await app.NewPractitionerAsync());
        var a = new List<Guid>();
        for (var h = 8; h < 12; h++) a.Add(await app.PublishSlotAsync(gp1.Id, At(w1, h), mode: "teleconsultation"));      // 4 slots week 1
        var b = new List<Guid>();
        for (var h = 8; h < 11; h++) b.Add(await app.PublishSlotAsync(gp2.Id, At(w2.AddDays(2), h), mode: "teleconsultation")); // 3 slots week 2
        var withdrawn = await app.PublishSlotAsync(gp3.Id, At(w2, 9), mode: "teleconsultation");
        await (await app.Practitioner(gp3.Id).DeleteAsync($"/api/slots/{withdrawn}")).ShouldBe(HttpStatusCode.NoContent);
        await app.PublishSlotAsync(gp3.Id, At(w2.AddDays(7), 9), mode: "teleconsultation"); // outside the period

        var mmg = await app.NewSiteAsync("mmg");
        var generated = await (await app.Coordinator().PostJsonAsync($"/api/sites/{mmg.Id}/shifts/generate",
            new { from = Http.Iso(w1), to = Http.Iso(w1.AddDays(3)), profession = "generalist" }))
            .ShouldBe(HttpStatusCode.Created);
        var shiftIds = generated.GetProperty("shifts").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ToList();
        ShiftsTotal = shiftIds.Count;
        var onCall = await app.NewPractitionerAsync();
        foreach (var shiftId in shiftIds.Take(ShiftsTotal / 2))
            await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shiftId}/assign", new { practitionerId = onCall.Id })).ShouldBe(HttpStatusCode.OK);

        var everyDay = Enumerable.Range(1, 7).Select(d => new { dayOfWeek = d, start = "08:00", end = "20:00" }).ToArray();
        var (siteA, siteB) = (await app.NewSiteAsync("telemedicine"), await app.NewSiteAsync("telemedicine"));
        var roomA = (await (await app.Coordinator().PostJsonAsync($"/api/sites/{siteA.Id}/rooms", new { name = "Salle A", openingHours = everyDay })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var roomB = (await (await app.Coordinator().PostJsonAsync($"/api/sites/{siteB.Id}/rooms", new { name = "Salle B", openingHours = everyDay })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (nurse, doctor) = (await app.NewPractitionerAsync("nurse"), await app.NewPractitionerAsync());
        foreach (var (room, hour, withDoctor) in new[] { (roomA, 14, true), (roomA, 15, false), (roomB, 16, true) })
        {
            await (await app.Coordinator().PostJsonAsync("/api/teleconsultations", new
            {
                roomId = room, start = Http.Iso(At(w1.AddDays(1), hour)), nurseId = nurse.Id, doctorId = doctor.Id,
                patient = Steps.Patient(hasRegularDoctor: withDoctor),
            })).ShouldBe(HttpStatusCode.Created);
        }
        (SiteA, SiteB) = (siteA.Id, siteB.Id);

        await Book(a[0], "sas");
        await Book(a[1], "sas", hasRegularDoctor: false);
        await Book(a[2], "nurse");
        await Book(b[0], "pharmacist");
        var cancelled = await Book(b[1], "cpts");
        await (await app.Coordinator().PostJsonAsync($"/api/bookings/{cancelled}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(30)); // every slot of the period has ended
        return (w1, w2.AddDays(6));
    }

    [Fact]
    public async Task The_indicators_of_a_known_scenario_match_field_by_field_in_JSON_and_CSV_and_survive_retention()
    {
        var (from, to) = await Scenario();
        var url = $"/api/reports/indicators?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var json = await (await app.Coordinator().GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        var totals = json.GetProperty("totals");
        var weeks = json.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(7, totals.GetProperty("slotsPublished").GetInt32());
        Assert.Equal(2, totals.GetProperty("practitionersPublishing").GetInt32());
        Assert.Equal(4, totals.GetProperty("slotsBooked").GetInt32());
        Assert.Equal(3, totals.GetProperty("slotsUnbooked").GetInt32());
        var channels = totals.GetProperty("bookingsByChannel");
        Assert.Equal((2, 1, 1, 0, 0), (channels.GetProperty("sas").GetInt32(), channels.GetProperty("nurse").GetInt32(),
            channels.GetProperty("pharmacist").GetInt32(), channels.GetProperty("practitioner").GetInt32(), channels.GetProperty("cpts").GetInt32()));
        // 4 bookings and 3 teleconsultations; one of each without a regular doctor.
        Assert.Equal(Math.Round(2.0 / 7, 4), totals.GetProperty("patientsWithoutRegularDoctor").GetDouble());
        Assert.Equal(3, totals.GetProperty("teleconsultations").GetInt32());
        var bySite = totals.GetProperty("teleconsultationsBySite").EnumerateArray().ToDictionary(x => x.GetProperty("siteId").GetGuid(), x => x.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<Guid, int> { [SiteA] = 2, [SiteB] = 1 }, bySite);
        Assert.Equal(3, weeks[0].GetProperty("figures").GetProperty("teleconsultations").GetInt32());
        Assert.Equal(4, ShiftsTotal); // Monday to Thursday evenings, 20:00–24:00
        Assert.Equal(4, totals.GetProperty("shiftsTotal").GetInt32());
        Assert.Equal(2, totals.GetProperty("shiftsAssigned").GetInt32());
        Assert.Equal(2, weeks.Count);
        Assert.Equal(Http.Iso(from), weeks[0].GetProperty("weekStart").GetString());
        Assert.Equal(4, weeks[0].GetProperty("figures").GetProperty("slotsPublished").GetInt32());
        Assert.Equal(3, weeks[1].GetProperty("figures").GetProperty("slotsPublished").GetInt32());
        Assert.Equal(1, weeks[1].GetProperty("figures").GetProperty("slotsBooked").GetInt32());

        var csvRequest = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Accept", "text/csv" } } };
        var csvResponse = await app.Coordinator().SendAsync(csvRequest);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length); // header, two weeks, totals
        var header = lines[0].Split(';');
        var total = lines[3].Split(';');
        Assert.Equal("total", total[0]);
        Assert.Equal("7", total[Array.IndexOf(header, "creneaux_publies")]);
        Assert.Equal("2", total[Array.IndexOf(header, "reservations_sas")]);
        Assert.Equal("3", total[Array.IndexOf(header, "creneaux_non_reserves")]);
        Assert.Equal("0,2857", total[Array.IndexOf(header, "part_patients_sans_medecin_traitant")]);
        Assert.Equal("3", total[Array.IndexOf(header, "teleconsultations")]);
        Assert.Equal("4", total[Array.IndexOf(header, "gardes_total")]);
        Assert.Equal("2", total[Array.IndexOf(header, "gardes_pourvues")]);

        // Erasing patient identity changes no figure.
        await using (var c = await app.OpenAsync())
        {
            await c.ExecuteAsync("""
                UPDATE bookings SET patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL,
                    patient_phone = NULL, reason = NULL, patient_erased_at = now();
                UPDATE teleconsultations SET patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL,
                    patient_phone = NULL, reason = NULL, patient_erased_at = now();
                """);
        }
        var after = await (await app.Coordinator().GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(json.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Bad_periods_are_400_and_only_the_coordinator_reads_indicators()
    {
        await (await app.Coordinator().GetAsync("/api/reports/indicators?from=2026-12-01&to=2026-11-01")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Coordinator().GetAsync("/api/reports/indicators?from=yesterday&to=2026-11-01")).ShouldBe(HttpStatusCode.BadRequest);
        await (await app.Regulator().GetAsync("/api/reports/indicators?from=2026-11-01&to=2026-11-30")).ShouldBe(HttpStatusCode.Forbidden);
        var empty = await (await app.Coordinator().GetAsync("/api/reports/indicators?from=2020-01-01&to=2020-01-31")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("totals").GetProperty("slotsPublished").GetInt32());
    }
}
