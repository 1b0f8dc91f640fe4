using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.IntegrationTests.Features.Telemedicine;

public sealed class RoomReservationTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const string Partner = "IME Les Tilleuls";

    private async Task<(Cabinet Cabinet, DateOnly Day)> ReservedCabinet(string start = "14:00", string end = "16:00", DateOnly? to = null)
    {
        var cab = await app.NewCabinetAsync();
        var day = app.Day();
        var response = await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start, end, holder = Partner, from = app.Day(0), to,
        });
        var reservation = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(Partner, reservation.GetProperty("holder").GetString());
        Assert.Equal(start, reservation.GetProperty("start").GetString());
        Assert.StartsWith($"/api/rooms/{cab.RoomId}/reservations/", response.Headers.Location?.ToString());
        return (cab, day);
    }

    [Fact]
    public async Task A_booking_that_does_not_name_the_partner_is_refused_in_its_block()
    {
        var (cab, _) = await ReservedCabinet();
        var problem = await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15))))
            .ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains($"reserved for {Partner}", problem.GetProperty("detail").GetString());
        var otherPartner = await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(14), holder: "EHPAD du Parc")))
            .ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains(Partner, otherPartner.GetProperty("detail").GetString());
        // A booking overlapping the block's edge is refused too (13:30-14:30).
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(13, 30), end: app.At(14, 30))))
            .ShouldBe(HttpStatusCode.Conflict);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE room_id = @RoomId", new { cab.RoomId }));
    }

    [Fact]
    public async Task A_booking_naming_the_partner_uses_its_block()
    {
        var (cab, _) = await ReservedCabinet();
        var t = await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15), holder: "ime les tilleuls")))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal("ime les tilleuls", t.GetProperty("holder").GetString());
    }

    [Fact]
    public async Task The_coordinator_may_book_in_a_reserved_block()
    {
        var (cab, _) = await ReservedCabinet();
        await (await app.Coordinator().PostJsonAsync("/api/teleconsultations", cab.Body(app.At(14, 30)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Outside_the_block_anyone_books()
    {
        var (cab, _) = await ReservedCabinet();
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(16)))).ShouldBe(HttpStatusCode.Created);
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(13, 30)))).ShouldBe(HttpStatusCode.Created);
        // Another weekday is not reserved.
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15, daysAhead: 3)))).ShouldBe(HttpStatusCode.Created);
        // The block recurs weekly.
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15, daysAhead: 9)))).ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_block_ends_with_its_period()
    {
        var (cab, day) = await ReservedCabinet(to: app.Day(5));
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15)))).ShouldBe(HttpStatusCode.Conflict);
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15, daysAhead: 9)))).ShouldBe(HttpStatusCode.Created);
        var list = await (await app.Nurse(cab.NurseId).GetAsync($"/api/rooms/{cab.RoomId}/reservations")).ShouldBe(HttpStatusCode.OK);
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(app.Day(5), DateOnly.Parse(only.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(RoomClock.IsoDay(day), only.GetProperty("dayOfWeek").GetInt32());
    }

    private async Task<Guid> ReserveAsync(Cabinet cab, DateOnly day, DateOnly from)
    {
        var created = await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start = "14:00", end = "16:00", holder = Partner, from,
        })).ShouldBe(HttpStatusCode.Created);
        return created.Id();
    }

    private async Task<List<System.Text.Json.JsonElement>> ReservationsAsync(Cabinet cab) =>
        (await (await app.Nurse(cab.NurseId).GetAsync($"/api/rooms/{cab.RoomId}/reservations")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task The_coordinator_ends_a_block_from_today_keeping_its_past_weeks()
    {
        var cab = await app.NewCabinetAsync();
        var day = app.Day();
        var id = await ReserveAsync(cab, day, from: app.Day(-14));
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15)))).ShouldBe(HttpStatusCode.Conflict);

        await (await app.Nurse(cab.NurseId).DeleteAsync($"/api/rooms/{cab.RoomId}/reservations/{id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().DeleteAsync($"/api/rooms/{cab.RoomId}/reservations/{id}")).ShouldBe(HttpStatusCode.NoContent);

        var ended = Assert.Single(await ReservationsAsync(cab));
        Assert.Equal(app.Day(-1), DateOnly.Parse(ended.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15)))).ShouldBe(HttpStatusCode.Created);
        // Ending it again changes nothing; an unknown block or room is 404.
        await (await app.Coordinator().DeleteAsync($"/api/rooms/{cab.RoomId}/reservations/{id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(app.Day(-1), DateOnly.Parse(Assert.Single(await ReservationsAsync(cab)).GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        await (await app.Coordinator().DeleteAsync($"/api/rooms/{cab.RoomId}/reservations/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().DeleteAsync($"/api/rooms/{Guid.NewGuid()}/reservations/{id}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ending_a_block_that_has_not_begun_removes_it()
    {
        var cab = await app.NewCabinetAsync();
        var id = await ReserveAsync(cab, app.Day(), from: app.Day(0));
        await (await app.Coordinator().DeleteAsync($"/api/rooms/{cab.RoomId}/reservations/{id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(await ReservationsAsync(cab));
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(app.At(15)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_partners_cannot_hold_the_same_weekly_time()
    {
        var (cab, day) = await ReservedCabinet();
        var problem = await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start = "15:30", end = "17:00", holder = "EHPAD du Parc", from = app.Day(0),
        })).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("reserved block", problem.GetProperty("detail").GetString());
        // Adjacent is fine.
        await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start = "16:00", end = "17:00", holder = "EHPAD du Parc", from = app.Day(0),
        })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_the_coordinator_reserves_and_the_room_must_exist()
    {
        var cab = await app.NewCabinetAsync();
        var body = new { dayOfWeek = 2, start = "14:00", end = "16:00", holder = Partner, from = app.Day(0) };
        await (await app.Nurse(cab.NurseId).PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Practitioner, cab.DoctorId).PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().PostJsonAsync($"/api/rooms/{Guid.NewGuid()}/reservations", body)).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().GetAsync($"/api/rooms/{Guid.NewGuid()}/reservations")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_reservation_returns_400_with_the_fields()
    {
        var cab = await app.NewCabinetAsync();
        var problem = await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = 9, start = "16:00", end = "14:00", holder = "", from = (string?)null,
        })).ShouldBe(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "dayOfWeek", "end", "holder", "from" }) Assert.True(errors.TryGetProperty(field, out _), field);
        var badTime = await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = "mardi", start = "2pm", end = "16:00", holder = Partner, from = app.Day(0), to = app.Day(-1),
        })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(badTime.GetProperty("errors").TryGetProperty("start", out _));
        Assert.True(badTime.GetProperty("errors").TryGetProperty("to", out _));
        Assert.False(badTime.GetProperty("errors").TryGetProperty("dayOfWeek", out _));
    }
}
