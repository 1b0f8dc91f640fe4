using System.Net.Http.Headers;
using System.Text;

namespace Cpts.Agenda.IntegrationTests.Features.Slots;

public sealed class GetAgendaTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_agenda_holds_her_slots_shifts_teleconsultations_and_busy_times_and_no_one_elses()
    {
        var cab = await app.NewCabinetAsync();
        var gp = cab.DoctorId;
        var slotId = await app.PublishSlotAsync(gp, app.At(9, daysAhead: 2), mode: "teleconsultation");
        await app.BookAsync(app.Regulator(), slotId);
        var tele = await app.BookTeleconsultationAsync(cab, app.At(15, daysAhead: 2));
        var (_, evening) = await app.EveningShiftAsync(daysAhead: 3);
        await (await app.Practitioner(gp).PostEmptyAsync($"/api/shifts/{evening.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        var busyStart = app.At(10, daysAhead: 4);
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nBEGIN:VEVENT\r\nUID:busy-1\r\nDTSTAMP:{Utc(busyStart)}\r\nDTSTART:{Utc(busyStart)}\r\nDTEND:{Utc(busyStart.AddHours(1))}\r\nSUMMARY:Privé\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var upload = new StringContent(ics, Encoding.UTF8);
        upload.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        await (await app.Practitioner(gp).PostAsync($"/api/practitioners/{gp}/busy-calendars", upload)).ShouldBe(HttpStatusCode.Created);

        var url = $"/api/practitioners/{gp}/agenda?from={app.Day(2):yyyy-MM-dd}&to={app.Day(4):yyyy-MM-dd}";
        var agenda = await (await app.Practitioner(gp).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        var slot = Assert.Single(agenda.GetProperty("slots").EnumerateArray());
        Assert.Equal("Patiente", slot.GetProperty("booking").GetProperty("patient").GetProperty("lastName").GetString());
        Assert.Equal(evening.Id(), Assert.Single(agenda.GetProperty("shifts").EnumerateArray()).Id());
        Assert.Equal(tele.Id(), Assert.Single(agenda.GetProperty("teleconsultations").EnumerateArray()).Id());
        var busy = Assert.Single(agenda.GetProperty("busyTimes").EnumerateArray());
        Assert.Equal(busyStart, busy.GetProperty("start").GetDateTimeOffset());

        var colleague = await app.NewPractitionerAsync();
        await (await app.Practitioner(colleague.Id).GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Single((await (await app.Coordinator().GetAsync(url)).ShouldBe(HttpStatusCode.OK)).GetProperty("slots").EnumerateArray());
        var tooLong = await (await app.Practitioner(gp).GetAsync($"/api/practitioners/{gp}/agenda?from={app.Day(2):yyyy-MM-dd}&to={app.Day(60):yyyy-MM-dd}")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task The_teleconsultations_of_the_period_are_those_the_list_gives_day_by_day_cancelled_ones_included_and_no_other_doctors()
    {
        var cab = await app.NewCabinetAsync();
        var gp = cab.DoctorId;
        var other = await app.NewPractitionerAsync("generalist", "Autre");
        var ids = new List<Guid>();
        foreach (var (day, hour) in new[] { (2, 16), (2, 9), (3, 14), (4, 10), (6, 9), (1, 9) })
            ids.Add((await app.BookTeleconsultationAsync(cab, app.At(hour, daysAhead: day))).Id());
        var cancelled = (await app.BookTeleconsultationAsync(cab, app.At(17, daysAhead: 3))).Id();
        await (await app.Nurse(cab.NurseId).PostJsonAsync($"/api/teleconsultations/{cancelled}/cancel", new { reason = "Patient hospitalisé" }))
            .ShouldBe(HttpStatusCode.OK);
        var colleagues = (await app.BookTeleconsultationAsync(cab.RoomId, cab.NurseId, other.Id, app.At(11, daysAhead: 3))).Id();

        var url = $"/api/practitioners/{gp}/agenda?from={app.Day(2):yyyy-MM-dd}&to={app.Day(4):yyyy-MM-dd}";
        foreach (var reader in new[] { app.Practitioner(gp), app.Coordinator() })
        {
            var agenda = await (await reader.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            var shown = agenda.GetProperty("teleconsultations").EnumerateArray().Select(t => t.GetRawText()).ToList();
            var listed = new List<string>();
            for (var day = 2; day <= 4; day++)
            {
                var page = await (await reader.GetAsync($"/api/teleconsultations?date={app.Day(day):yyyy-MM-dd}&doctorId={gp}&limit=100")).ShouldBe(HttpStatusCode.OK);
                listed.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetRawText()));
            }
            Assert.Equal(listed, shown);
            var shownIds = agenda.GetProperty("teleconsultations").EnumerateArray().Select(t => t.Id()).ToList();
            Assert.Equal([ids[1], ids[0], ids[2], cancelled, ids[3]], shownIds);
            Assert.DoesNotContain(colleagues, shownIds);
            Assert.Equal("cancelled", agenda.GetProperty("teleconsultations")[3].GetProperty("status").GetString());
            Assert.Equal(gp, agenda.GetProperty("teleconsultations")[0].GetProperty("doctor").GetProperty("id").GetGuid());
        }
    }
}
