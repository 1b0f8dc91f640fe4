namespace Cpts.Agenda.IntegrationTests.Features.Directory;

public sealed class GetRoomsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Anyone_signed_in_reads_a_sites_rooms_and_one_room_with_hours_grid_and_minimum_age()
    {
        var site = await app.NewSiteAsync("telemedicine");
        var roomId = await app.NewRoomAsync(site.Id, slotMinutes: 20, minPatientAge: 12,
            openingHours: [new { dayOfWeek = 2, start = "09:00", end = "12:30" }]);
        var otherSite = await app.NewSiteAsync("telemedicine");
        await app.NewRoomAsync(otherSite.Id);

        var rooms = await (await app.As("nurse", Guid.NewGuid()).GetAsync($"/api/sites/{site.Id}/rooms")).ShouldBe(HttpStatusCode.OK);
        var listed = Assert.Single(rooms.GetProperty("items").EnumerateArray());
        Assert.Equal(roomId, listed.GetProperty("id").GetGuid());

        var room = await (await app.Regulator().GetAsync($"/api/rooms/{roomId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(site.Id, room.GetProperty("siteId").GetGuid());
        Assert.Equal(20, room.GetProperty("slotMinutes").GetInt32());
        Assert.Equal(12, room.GetProperty("minPatientAge").GetInt32());
        var hours = Assert.Single(room.GetProperty("openingHours").EnumerateArray());
        Assert.Equal(2, hours.GetProperty("dayOfWeek").GetInt32());
        Assert.Equal("09:00", hours.GetProperty("start").GetString());
        Assert.Equal("12:30", hours.GetProperty("end").GetString());
    }

    [Fact]
    public async Task Unknown_sites_and_rooms_are_404_and_strangers_401()
    {
        await (await app.Regulator().GetAsync($"/api/sites/{Guid.NewGuid()}/rooms")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Regulator().GetAsync($"/api/rooms/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/rooms/{Guid.NewGuid()}")).StatusCode);
    }
}
