using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.IntegrationTests.Features.Telemedicine;

public sealed class RoomAvailabilityTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static readonly object[] Mornings = Enumerable.Range(1, 7).Select(d => (object)new { dayOfWeek = d, start = "08:30", end = "10:30" }).ToArray();

    [Fact]
    public async Task Availability_is_the_grid_less_bookings_and_comes_back_after_a_cancel()
    {
        var cab = await app.NewCabinetAsync(openingHours: Mornings);
        var day = app.Day();
        var before = await app.AvailabilityAsync(cab.RoomId, day);
        Assert.Equal(30, before.GetProperty("slotMinutes").GetInt32());
        Assert.Equal([app.At(8, 30), app.At(9), app.At(9, 30), app.At(10)], before.FreeStarts());

        var t = await app.BookTeleconsultationAsync(cab, app.At(9));
        Assert.Equal([app.At(8, 30), app.At(9, 30), app.At(10)], (await app.AvailabilityAsync(cab.RoomId, day)).FreeStarts());

        await (await app.Nurse(cab.NurseId).PostJsonAsync($"/api/teleconsultations/{t.GetProperty("id").GetGuid()}/cancel", new { }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal([app.At(8, 30), app.At(9), app.At(9, 30), app.At(10)], (await app.AvailabilityAsync(cab.RoomId, day)).FreeStarts());
    }

    [Fact]
    public async Task With_a_doctor_and_a_nurse_the_cells_are_those_where_a_booking_of_all_three_would_succeed()
    {
        var cab = await app.NewCabinetAsync(openingHours: Mornings);
        var day = app.Day();
        // The doctor has an SNP slot at 08:30 and a busy time 09:30-10:00; the nurse a home teleconsultation at 10:00 with another doctor.
        await app.PublishSlotAsync(cab.DoctorId, app.At(8, 30), 30, mode: "teleconsultation");
        await (await app.Coordinator().PostAsync($"/api/practitioners/{cab.DoctorId}/busy-calendars", new StringContent($"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Test//FR
            BEGIN:VEVENT
            UID:perso@test
            DTSTAMP:20260101T000000Z
            DTSTART:{app.At(9, 30).UtcDateTime:yyyyMMdd'T'HHmmss'Z'}
            DTEND:{app.At(10).UtcDateTime:yyyyMMdd'T'HHmmss'Z'}
            END:VEVENT
            END:VCALENDAR
            """.ReplaceLineEndings("\r\n"), System.Text.Encoding.UTF8, "text/calendar"))).ShouldBe(HttpStatusCode.Created);
        var otherDoctor = await app.NewPractitionerAsync("generalist", "Autre");
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", TelemedicineSteps.Body(null, app.At(10), cab.NurseId, otherDoctor.Id)))
            .ShouldBe(HttpStatusCode.Created);

        var url = $"/api/rooms/{cab.RoomId}/availability?date={day:yyyy-MM-dd}";
        Assert.Equal(4, (await (await app.Nurse(cab.NurseId).GetAsync(url)).ShouldBe(HttpStatusCode.OK)).FreeStarts().Count);
        Assert.Equal([app.At(9), app.At(10)],
            (await (await app.Nurse(cab.NurseId).GetAsync($"{url}&doctorId={cab.DoctorId}")).ShouldBe(HttpStatusCode.OK)).FreeStarts());
        var both = (await (await app.Nurse(cab.NurseId).GetAsync($"{url}&doctorId={cab.DoctorId}&nurseId={cab.NurseId}")).ShouldBe(HttpStatusCode.OK)).FreeStarts();
        Assert.Equal([app.At(9)], both);
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(both[0]))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_home_teleconsultation_of_the_nurse_does_not_take_the_room()
    {
        var cab = await app.NewCabinetAsync(openingHours: Mornings);
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", TelemedicineSteps.Body(null, app.At(9), cab.NurseId, cab.DoctorId)))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal(4, (await app.AvailabilityAsync(cab.RoomId, app.Day())).FreeStarts().Count);
    }

    [Fact]
    public async Task Reserved_blocks_are_not_free_except_for_their_holder()
    {
        var cab = await app.NewCabinetAsync(openingHours: Mornings);
        var day = app.Day();
        await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start = "09:00", end = "10:00", holder = "IME Les Tilleuls", from = day,
        })).ShouldBe(HttpStatusCode.Created);

        var availability = await app.AvailabilityAsync(cab.RoomId, day);
        Assert.Equal([app.At(8, 30), app.At(10)], availability.FreeStarts());
        var block = Assert.Single(availability.GetProperty("reserved").EnumerateArray());
        Assert.Equal("IME Les Tilleuls", block.GetProperty("holder").GetString());
        Assert.Equal(app.At(9), block.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(app.At(10), block.GetProperty("end").GetDateTimeOffset());

        Assert.Equal(4, (await app.AvailabilityAsync(cab.RoomId, day, holder: "IME Les Tilleuls")).FreeStarts().Count);
        // The day before the reservation starts, nothing is reserved.
        Assert.Equal(4, (await app.AvailabilityAsync(cab.RoomId, day.AddDays(-1))).FreeStarts().Count(s => s >= app.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Cells_that_already_started_are_not_offered()
    {
        var cab = await app.NewCabinetAsync(openingHours: [.. Enumerable.Range(1, 7).Select(d => (object)new { dayOfWeek = d, start = "00:00", end = "24:00" })]);
        var now = app.Clock.GetUtcNow();
        var today = await app.AvailabilityAsync(cab.RoomId, app.Day(0));
        Assert.All(today.FreeStarts(), s => Assert.True(s >= now));
        Assert.Empty((await app.AvailabilityAsync(cab.RoomId, app.Day(-1))).FreeStarts());
        var tomorrow = await app.AvailabilityAsync(cab.RoomId, app.Day(1));
        var (start, end) = Paris.Day(app.Day(1));
        Assert.Equal((int)(end - start).TotalMinutes / 30, tomorrow.FreeStarts().Count); // 46, 48 or 50 cells
    }

    /// <summary>The next Paris-local day after the clock that lasts the given number of hours (a daylight-saving Sunday).</summary>
    private DateOnly NextDayLasting(int hours)
    {
        for (var d = app.Day(1); ; d = d.AddDays(1))
        {
            var (start, end) = Paris.Day(d);
            if ((end - start).TotalHours == hours) return d;
        }
    }

    [Fact]
    public async Task On_the_spring_forward_Sunday_the_free_cells_are_the_right_instants()
    {
        var day = NextDayLasting(23);
        Assert.Equal(DayOfWeek.Sunday, day.DayOfWeek);
        var cab = await app.NewCabinetAsync(openingHours: [new { dayOfWeek = 7, start = "01:00", end = "04:00" }, new { dayOfWeek = 7, start = "08:30", end = "09:30" }]);
        var availability = await app.AvailabilityAsync(cab.RoomId, day);
        var night = day.ToDateTime(TimeOnly.MinValue);
        // 01:00 (+01:00) is 00:00Z; the clocks jump from 02:00 to 03:00; 04:00 (+02:00) is 02:00Z: 2 real hours.
        Assert.Equal(
            new[] { 0, 30, 60, 90, 6 * 60 + 30, 7 * 60 }.Select(m => new DateTimeOffset(night.AddMinutes(m), TimeSpan.Zero)).ToList(),
            availability.FreeStarts().Select(s => s.ToUniversalTime()).ToList());
        var first = availability.GetProperty("items")[0].GetProperty("start").GetString();
        var summer = availability.GetProperty("items")[4].GetProperty("start").GetString();
        Assert.EndsWith("T01:00:00+01:00", first);
        Assert.EndsWith("T08:30:00+02:00", summer);

        // The 03:00 cell (01:00Z) books and disappears.
        var t = await app.BookTeleconsultationAsync(cab, new DateTimeOffset(night.AddHours(1), TimeSpan.Zero));
        Assert.EndsWith("T03:00:00+02:00", t.GetProperty("start").GetString());
        Assert.Equal(5, (await app.AvailabilityAsync(cab.RoomId, day)).FreeStarts().Count);
    }

    [Fact]
    public async Task On_the_fall_back_Sunday_the_free_cells_are_the_right_instants()
    {
        var day = NextDayLasting(25);
        var cab = await app.NewCabinetAsync(openingHours: [new { dayOfWeek = 7, start = "01:30", end = "03:30" }]);
        var availability = await app.AvailabilityAsync(cab.RoomId, day);
        var eve = day.ToDateTime(TimeOnly.MinValue).AddHours(-1);
        // 01:30 (+02:00) is 23:30Z the day before; 03:30 (+01:00) is 02:30Z: 3 real hours, 02:00-03:00 lived twice.
        Assert.Equal(
            Enumerable.Range(0, 6).Select(i => new DateTimeOffset(eve.AddMinutes(30 + 30 * i), TimeSpan.Zero)).ToList(),
            availability.FreeStarts().Select(s => s.ToUniversalTime()).ToList());
        var local = availability.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("start").GetString()![11..]).ToList();
        Assert.Equal(["01:30:00+02:00", "02:00:00+02:00", "02:30:00+02:00", "02:00:00+01:00", "02:30:00+01:00", "03:00:00+01:00"], local);
    }

    [Fact]
    public async Task Availability_checks_roles_ids_and_the_date()
    {
        var cab = await app.NewCabinetAsync(openingHours: Mornings);
        var url = $"/api/rooms/{cab.RoomId}/availability?date={app.Day():yyyy-MM-dd}";
        await (await app.Nurse(cab.NurseId).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        await (await app.Regulator().GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(cab.DoctorId).GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetAsync(url)).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Coordinator().GetAsync($"/api/rooms/{Guid.NewGuid()}/availability?date={app.Day():yyyy-MM-dd}")).ShouldBe(HttpStatusCode.NotFound);
        var bad = await (await app.Coordinator().GetAsync($"/api/rooms/{cab.RoomId}/availability?date=29/03/2027")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("date", out _));
        await (await app.Coordinator().GetAsync($"/api/rooms/{cab.RoomId}/availability?date=0001-01-01")).ShouldBe(HttpStatusCode.BadRequest);
        // Without a date: today.
        var today = await (await app.Coordinator().GetAsync($"/api/rooms/{cab.RoomId}/availability")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Http.Iso(app.Day(0)), today.GetProperty("date").GetString());
    }
}
