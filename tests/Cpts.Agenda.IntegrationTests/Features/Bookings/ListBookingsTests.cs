namespace Cpts.Agenda.IntegrationTests.Features.Bookings;

public sealed class ListBookingsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task A_booker_lists_her_own_bookings_with_the_practitioner_and_site_names()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Nommée");
        var site = await app.NewSiteAsync();
        var mine = await app.PublishSlotAsync(gp.Id, app.NextHour(), siteId: site.Id);
        var theirs = await app.PublishSlotAsync(gp.Id, app.NextHour(2), siteId: site.Id);
        var me = app.As("regulator", subject: $"regulator-{Guid.NewGuid():N}");
        var booking = await app.BookAsync(me, mine);
        await app.BookAsync(app.As("regulator", subject: $"regulator-{Guid.NewGuid():N}"), theirs);

        var page = await (await me.GetAsync("/api/bookings")).ShouldBe(HttpStatusCode.OK);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(booking.GetProperty("id").GetGuid(), item.GetProperty("id").GetGuid());
        Assert.Equal(mine, item.GetProperty("slotId").GetGuid());
        Assert.Equal("active", item.GetProperty("status").GetString());
        Assert.Equal("Alex Nommée", item.GetProperty("practitioner").GetProperty("name").GetString());
        Assert.Equal("generalist", item.GetProperty("practitioner").GetProperty("profession").GetString());
        Assert.Equal(site.Name, item.GetProperty("site").GetProperty("name").GetString());
        Assert.Equal("Vesoul", item.GetProperty("site").GetProperty("city").GetString());
        Assert.Equal("70000", item.GetProperty("site").GetProperty("postalCode").GetString());
    }

    [Fact]
    public async Task A_practitioner_lists_the_bookings_on_her_slots_and_a_colleague_never_sees_that_patient()
    {
        var (gp, _, booking) = await app.BookedSlotAsync(3);
        var colleague = await app.NewPractitionerAsync();

        var own = await (await app.Practitioner(gp.Id).GetAsync("/api/bookings")).ShouldBe(HttpStatusCode.OK);
        var item = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal("Patiente", item.GetProperty("patient").GetProperty("lastName").GetString());

        var colleagues = await (await app.Practitioner(colleague.Id).GetAsync("/api/bookings?limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(booking, colleagues.ItemIds());
        await (await app.Practitioner(colleague.Id).GetAsync($"/api/bookings/{booking}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As("secretary").GetAsync("/api/bookings")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_coordinator_lists_every_booking_filtered_by_status_and_channel()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(6);
        var byNurse = (await app.BookAsync(app.As("nurse", subject: "nurse-lister"), await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation"), "nurse")).GetProperty("id").GetGuid();
        var cancelled = (await app.BookAsync(app.Regulator(), await app.PublishSlotAsync(gp.Id, start.AddMinutes(30), mode: "teleconsultation"))).GetProperty("id").GetGuid();
        await (await app.Coordinator().PostJsonAsync($"/api/bookings/{cancelled}/cancel", new { reason = "Patient rétabli" })).ShouldBe(HttpStatusCode.OK);

        var window = Http.Window(start, start.AddHours(1));
        Assert.Equal([byNurse, cancelled], (await (await app.Coordinator().GetAsync($"/api/bookings?{window}")).ShouldBe(HttpStatusCode.OK)).ItemIds());
        Assert.Equal([cancelled], (await (await app.Coordinator().GetAsync($"/api/bookings?{window}&status=cancelled")).ShouldBe(HttpStatusCode.OK)).ItemIds());
        Assert.Equal([byNurse], (await (await app.Coordinator().GetAsync($"/api/bookings?{window}&channel=nurse")).ShouldBe(HttpStatusCode.OK)).ItemIds());

        var problem = await (await app.Coordinator().GetAsync("/api/bookings?channel=fax")).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task Pages_of_bookings_neither_repeat_nor_skip()
    {
        var gp = await app.NewPractitionerAsync();
        var booker = app.As("regulator", subject: $"regulator-{Guid.NewGuid():N}");
        var start = app.NextHour(8);
        var booked = new List<Guid>();
        for (var i = 0; i < 5; i++)
            booked.Add((await app.BookAsync(booker, await app.PublishSlotAsync(gp.Id, start.AddMinutes(15 * i), minutes: 10, mode: "teleconsultation"))).GetProperty("id").GetGuid());

        var pages = await booker.PagesAsync("/api/bookings?limit=2");
        Assert.Equal(booked, pages.SelectMany(Http.ItemIds));
        Assert.Equal(3, pages.Count);
    }
}
