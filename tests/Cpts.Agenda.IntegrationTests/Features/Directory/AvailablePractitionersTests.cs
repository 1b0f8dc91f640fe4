using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Directory;

public sealed class AvailablePractitionersTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<List<Guid>> AvailableAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to, string? profession = null)
    {
        var url = $"/api/practitioners/available?{Http.Window(from, to)}&limit=500"
                  + (profession is null ? "" : $"&profession={profession}");
        return (await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK)).ItemIds();
    }

    [Fact]
    public async Task A_doctor_with_an_SNP_slot_then_is_not_free_but_is_free_the_hour_after()
    {
        var gp = await app.NewPractitionerAsync("generalist", "Slotteur");
        var start = app.At(10, 0, daysAhead: 3);
        await app.PublishSlotAsync(gp.Id, start, 20, mode: "teleconsultation");

        Assert.DoesNotContain(gp.Id, await AvailableAsync(app.Coordinator(), start.AddMinutes(10), start.AddMinutes(40)));
        Assert.Contains(gp.Id, await AvailableAsync(app.Coordinator(), start.AddMinutes(20), start.AddMinutes(50)));
    }

    [Fact]
    public async Task A_doctor_on_an_MMG_shift_is_not_free_during_it()
    {
        var gp = await app.NewPractitionerAsync("generalist", "Gardeur");
        var (_, evening) = await app.EveningShiftAsync(daysAhead: 4);
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{evening.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        var start = evening.Instant("start");

        Assert.DoesNotContain(gp.Id, await AvailableAsync(app.Coordinator(), start.AddMinutes(30), start.AddMinutes(60)));
        Assert.Contains(gp.Id, await AvailableAsync(app.Coordinator(), start.AddHours(-2), start));
    }

    [Fact]
    public async Task The_doctor_and_the_nurse_of_a_teleconsultation_are_not_free_during_it()
    {
        var cabinet = await app.NewCabinetAsync();
        var start = app.At(14, 0, daysAhead: 5);
        await app.BookTeleconsultationAsync(cabinet, start);

        Assert.DoesNotContain(cabinet.DoctorId, await AvailableAsync(app.Nurse(cabinet.NurseId), start, start.AddMinutes(30)));
        Assert.DoesNotContain(cabinet.NurseId, await AvailableAsync(app.Coordinator(), start, start.AddMinutes(30), "nurse"));
        Assert.Contains(cabinet.DoctorId, await AvailableAsync(app.Nurse(cabinet.NurseId), start.AddMinutes(30), start.AddMinutes(60)));
        Assert.Contains(cabinet.NurseId, await AvailableAsync(app.Coordinator(), start.AddMinutes(30), start.AddMinutes(60), "nurse"));
    }

    [Fact]
    public async Task A_busy_time_from_the_doctors_own_calendar_makes_them_not_free()
    {
        var gp = await app.NewPractitionerAsync("generalist", "Occupe");
        var start = app.At(9, 0, daysAhead: 6);
        static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var ics = new StringContent($"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Test//FR
            BEGIN:VEVENT
            UID:rdv-perso@test
            DTSTAMP:{Utc(start.AddDays(-7))}
            DTSTART:{Utc(start)}
            DTEND:{Utc(start.AddHours(1))}
            SUMMARY:Perso
            END:VEVENT
            END:VCALENDAR
            """.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/calendar");
        await (await app.Coordinator().PostAsync($"/api/practitioners/{gp.Id}/busy-calendars", ics)).ShouldBe(HttpStatusCode.Created);

        Assert.DoesNotContain(gp.Id, await AvailableAsync(app.Regulator(), start.AddMinutes(30), start.AddMinutes(90)));
        Assert.Contains(gp.Id, await AvailableAsync(app.Regulator(), start.AddHours(1), start.AddHours(2)));
    }

    [Fact]
    public async Task Without_a_profession_the_doctors_come_GPs_first_then_specialists_and_no_one_else()
    {
        var specialist = await app.NewPractitionerAsync("other", "Aaaspecialiste");
        var gp = await app.NewPractitionerAsync("generalist", "Zzzgeneraliste");
        var nurse = await app.NewPractitionerAsync("nurse", "Infirmiere");
        var start = app.At(8, 0, daysAhead: 7);

        var ids = (await AvailableAsync(app.Coordinator(), start, start.AddMinutes(30))).Where(i => i == specialist.Id || i == gp.Id || i == nurse.Id).ToList();
        Assert.Equal([gp.Id, specialist.Id], ids);
        Assert.Contains(nurse.Id, await AvailableAsync(app.Coordinator(), start, start.AddMinutes(30), "nurse"));
    }

    [Fact]
    public async Task A_deactivated_practitioner_is_never_free()
    {
        var gp = await app.NewPractitionerAsync("generalist", "Parti");
        var start = app.At(8, 0, daysAhead: 8);
        Assert.Contains(gp.Id, await AvailableAsync(app.Coordinator(), start, start.AddMinutes(30)));
        await (await app.Coordinator().PostAsync($"/api/practitioners/{gp.Id}/deactivate", null)).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(gp.Id, await AvailableAsync(app.Coordinator(), start, start.AddMinutes(30)));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_repeating()
    {
        var start = app.At(7, 0, daysAhead: 9);
        for (var i = 0; i < 3; i++) await app.NewPractitionerAsync("midwife", $"Sagefemme{i}");
        var q = $"/api/practitioners/available?{Http.Window(start, start.AddHours(1))}&profession=midwife&limit=2";
        var first = await (await app.Coordinator().GetAsync(q)).ShouldBe(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await (await app.Coordinator().GetAsync($"{q}&cursor={next}")).ShouldBe(HttpStatusCode.OK);
        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.Count >= 3);
    }

    [Fact]
    public async Task Bad_periods_are_400_naming_the_field_and_other_roles_are_403()
    {
        var start = app.At(8, 0);
        var missing = await (await app.Coordinator().GetAsync("/api/practitioners/available?to=2030-01-01T10:00:00Z")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("from", out _));
        var backwards = await (await app.Coordinator().GetAsync(
            $"/api/practitioners/available?{Http.Window(start, start)}")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(backwards.GetProperty("errors").TryGetProperty("to", out _));
        var profession = await (await app.Coordinator().GetAsync(
            $"/api/practitioners/available?{Http.Window(start, start.AddHours(1))}&profession=wizard")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(profession.GetProperty("errors").TryGetProperty("profession", out _));

        var gp = await app.NewPractitionerAsync();
        var ok = $"/api/practitioners/available?{Http.Window(start, start.AddHours(1))}";
        await (await app.Practitioner(gp.Id).GetAsync(ok)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As("secretary").GetAsync(ok)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetAsync(ok)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Answers_carry_names_and_professions()
    {
        var gp = await app.NewPractitionerAsync("generalist", "Nommee");
        var start = app.At(8, 0, daysAhead: 10);
        var body = await (await app.Regulator().GetAsync(
            $"/api/practitioners/available?{Http.Window(start, start.AddHours(1))}&limit=500")).ShouldBe(HttpStatusCode.OK);
        var item = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == gp.Id);
        Assert.Equal("Nommee", item.GetProperty("lastName").GetString());
        Assert.Equal("generalist", item.GetProperty("profession").GetString());
        Assert.Equal(JsonValueKind.True, item.GetProperty("active").ValueKind);
    }
}
