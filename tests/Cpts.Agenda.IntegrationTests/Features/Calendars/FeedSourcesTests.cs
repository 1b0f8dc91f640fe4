using System.Net.Http.Headers;
using System.Text.Json;
using Cpts.Agenda.Api.Features.Rooms;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

/// <summary>MMG shifts, teleconsultations and room reservations in feeds.</summary>
public sealed class FeedSourcesTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static CalendarEvent Event(Calendar calendar, string uid) => Assert.Single(calendar.Events, e => e.Uid == uid);

    private static DateTimeOffset Utc(CalDateTime? t) => new(t!.AsUtc, TimeSpan.Zero);

    private static string ShiftUid(Guid id) => $"shift-{id}@cpts-agenda";

    private static string TeleUid(JsonElement t) => $"teleconsultation-{t.GetProperty("id").GetGuid()}@cpts-agenda";

    private async Task<JsonElement> AssignAsync(Guid shiftId, Guid practitionerId) =>
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shiftId}/assign", new { practitionerId })).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task A_practitioner_feed_lists_their_shift_and_their_teleconsultations_as_nurse_and_as_doctor_without_patient_data()
    {
        var (siteId, evening) = await app.EveningShiftAsync(daysAhead: 2);
        var cab = await app.NewCabinetAsync();
        var doctor = cab.DoctorId;
        await AssignAsync(evening.Id(), doctor);
        var inRoom = await app.BookTeleconsultationAsync(cab.RoomId, cab.NurseId, doctor, app.At(10, daysAhead: 3));
        var atHome = await app.BookTeleconsultationAsync(null, cab.NurseId, doctor, app.At(15, daysAhead: 3));
        var otherDoctor = await app.NewPractitionerAsync("generalist", "Autre");
        var notTheirs = await app.BookTeleconsultationAsync(cab.RoomId, cab.NurseId, otherDoctor.Id, app.At(11, daysAhead: 3));

        var (doctorText, doctorFeed) = await app.ReadFeedAsync((await app.Practitioner(doctor).CreateFeedAsync("practitioner", doctor)).Url);
        Assert.Equal(3, doctorFeed.Events.Count);
        var shift = Event(doctorFeed, ShiftUid(evening.Id()));
        var siteName = await app.ScalarAsync<string>("SELECT name FROM sites WHERE id = @siteId", new { siteId });
        Assert.Equal($"Garde MMG – {siteName}", shift.Summary);
        Assert.Equal(evening.Instant("start"), Utc(shift.DtStart));
        Assert.Equal(evening.Instant("end"), Utc(shift.DtEnd));
        Assert.Equal("CONFIRMED", shift.Status);
        var room = Event(doctorFeed, TeleUid(inRoom));
        Assert.Equal("Téléconsultation – Salle", room.Summary);
        Assert.Equal(app.At(10, daysAhead: 3), Utc(room.DtStart));
        Assert.Equal("Téléconsultation à domicile", Event(doctorFeed, TeleUid(atHome)).Summary);
        Assert.DoesNotContain(doctorFeed.Events, e => e.Uid == TeleUid(notTheirs));

        var (nurseText, nurseFeed) = await app.ReadFeedAsync((await app.Coordinator().CreateFeedAsync("practitioner", cab.NurseId)).Url);
        Assert.Equal(
            new[] { TeleUid(inRoom), TeleUid(notTheirs), TeleUid(atHome) }.Order(),
            nurseFeed.Events.Select(e => e.Uid!).Order());

        foreach (var text in new[] { doctorText, nurseText })
        {
            text.ShouldContainNone("Germaine", "Patiente", "06 11 22 33 44", "1950", "Toux", "fièvre");
        }
    }

    [Fact]
    public async Task A_site_feed_lists_the_MMG_roster_with_assignees_names_and_open_shifts()
    {
        var site = await app.NewSiteAsync("mmg");
        var saturday = app.Today().AddDays(1);
        while (saturday.DayOfWeek != DayOfWeek.Saturday) saturday = saturday.AddDays(1);
        var shifts = await app.GenerateAsync(site.Id, saturday, saturday, template: "pdsa");
        Assert.Equal(2, shifts.Length);
        var gp = await app.NewPractitionerAsync("generalist", "Degarde");
        var taken = shifts.Single(s => s.GetProperty("period").GetString() == "evening");
        var open = shifts.Single(s => s.GetProperty("period").GetString() == "afternoon");
        await AssignAsync(taken.Id(), gp.Id);

        var (_, feed) = await app.ReadFeedAsync((await app.Coordinator().CreateFeedAsync("site", site.Id)).Url);

        Assert.Equal(2, feed.Events.Count);
        Assert.Equal("Garde MMG – Dr Alex Degarde", Event(feed, ShiftUid(taken.Id())).Summary);
        var openEvent = Event(feed, ShiftUid(open.Id()));
        Assert.Equal("Garde MMG – à pourvoir", openEvent.Summary);
        Assert.Equal(open.Instant("start"), Utc(openEvent.DtStart));
        Assert.Contains(site.Name, openEvent.Location);
    }

    [Fact]
    public async Task A_room_feed_lists_its_teleconsultations_and_its_weekly_reserved_blocks()
    {
        var cab = await app.NewCabinetAsync();
        var day = app.Day(2);
        await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start = "14:00", end = "16:00", holder = "IME Les Tilleuls", from = app.Day(0),
        })).ShouldBe(HttpStatusCode.Created);
        var booked = await app.BookTeleconsultationAsync(cab, app.At(10, daysAhead: 2));
        var elsewhere = await app.NewCabinetAsync();
        await app.BookTeleconsultationAsync(elsewhere, app.At(10, daysAhead: 2));

        var (text, feed) = await app.ReadFeedAsync((await app.Coordinator().CreateFeedAsync("room", cab.RoomId)).Url);

        Assert.Equal("Téléconsultation – Salle", Event(feed, TeleUid(booked)).Summary);
        var blocks = feed.Events.Where(e => e.Summary == "Réservé – IME Les Tilleuls").ToList();
        // Weekly from today over the publication horizon (30 days): 4 or 5 of them, one on the chosen day.
        Assert.InRange(blocks.Count, 4, 5);
        var first = Assert.Single(blocks, b => Utc(b.DtStart) == Paris(day, 14));
        Assert.Equal(Paris(day, 16), Utc(first.DtEnd));
        Assert.All(blocks, b => Assert.Equal(RoomClock.IsoDay(day), RoomClock.IsoDay(DateOnly.FromDateTime(b.DtStart!.Value))));
        Assert.Equal(blocks.Count, blocks.Select(b => b.Uid).Distinct().Count());
        Assert.Equal(1 + blocks.Count, feed.Events.Count);
        Assert.DoesNotContain("Germaine", text);
    }

    [Fact]
    public async Task Ending_a_reserved_block_changes_the_room_feed_and_its_ETag()
    {
        var cab = await app.NewCabinetAsync();
        var day = app.Day(2);
        var created = await (await app.Coordinator().PostJsonAsync($"/api/rooms/{cab.RoomId}/reservations", new
        {
            dayOfWeek = RoomClock.IsoDay(day), start = "14:00", end = "16:00", holder = "IME Les Tilleuls", from = app.Day(-14),
        })).ShouldBe(HttpStatusCode.Created);
        var url = (await app.Coordinator().CreateFeedAsync("room", cab.RoomId)).Url;
        var today = Paris(app.Day(0), 0);
        using var anonymous = app.CreateClient();
        var before = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var etag = before.Headers.ETag!;
        Assert.Contains((await app.ReadFeedAsync(url)).Calendar.Events, e => Utc(e.DtStart) > today);

        // Ended from today: the block keeps its past weeks (same count of blocks in the feed's window), only its end moves.
        await (await app.Coordinator().DeleteAsync($"/api/rooms/{cab.RoomId}/reservations/{created.Id()}")).ShouldBe(HttpStatusCode.NoContent);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var after = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode); // not 304: the feed changed
        var events = (await app.ReadFeedAsync(url)).Calendar.Events;
        Assert.Contains(events, e => Utc(e.DtStart) < today);
        Assert.DoesNotContain(events, e => Utc(e.DtStart) > today);
    }

    private static DateTimeOffset Paris(DateOnly day, int hour) => Api.Infrastructure.Paris.ToInstant(day, new TimeOnly(hour, 0));

    [Fact]
    public async Task A_cancelled_teleconsultation_keeps_its_UID_with_a_higher_SEQUENCE_and_STATUS_CANCELLED()
    {
        var cab = await app.NewCabinetAsync();
        var tele = await app.BookTeleconsultationAsync(cab, app.At(9, daysAhead: 4));
        var (_, url) = await app.Practitioner(cab.DoctorId).CreateFeedAsync("practitioner", cab.DoctorId);
        var before = Event((await app.ReadFeedAsync(url)).Calendar, TeleUid(tele));
        Assert.Equal("CONFIRMED", before.Status);

        await (await app.Nurse(cab.NurseId).PostJsonAsync($"/api/teleconsultations/{tele.GetProperty("id").GetGuid()}/cancel", new { reason = "Patient hospitalisé" }))
            .ShouldBe(HttpStatusCode.OK);
        var (text, feed) = await app.ReadFeedAsync(url);
        var after = Event(feed, TeleUid(tele));
        Assert.Equal(before.Uid, after.Uid);
        Assert.True(after.Sequence > before.Sequence);
        Assert.Equal("CANCELLED", after.Status);
        Assert.DoesNotContain("hospitalisé", text);

        // Gone once the retention period has passed.
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.DoesNotContain((await app.ReadFeedAsync(url)).Calendar.Events, e => e.Uid == TeleUid(tele));
    }

    [Fact]
    public async Task A_released_shift_shows_cancelled_in_the_former_assignees_feed()
    {
        var (_, evening) = await app.EveningShiftAsync(daysAhead: 5);
        var gp = await app.NewPractitionerAsync("generalist", "Relache");
        await AssignAsync(evening.Id(), gp.Id);
        var (_, url) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var assigned = Event((await app.ReadFeedAsync(url)).Calendar, ShiftUid(evening.Id()));
        Assert.Equal("CONFIRMED", assigned.Status);

        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{evening.Id()}/release")).ShouldBe(HttpStatusCode.OK);
        var released = Event((await app.ReadFeedAsync(url)).Calendar, ShiftUid(evening.Id()));
        Assert.Equal("CANCELLED", released.Status);
        Assert.True(released.Sequence > assigned.Sequence);

        // Taken back: confirmed again, with a higher SEQUENCE still.
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{evening.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        var again = Event((await app.ReadFeedAsync(url)).Calendar, ShiftUid(evening.Id()));
        Assert.Equal("CONFIRMED", again.Status);
        Assert.True(again.Sequence > released.Sequence);
    }

    [Fact]
    public async Task Assigning_a_shift_changes_the_feed_ETag_and_an_unchanged_feed_answers_304()
    {
        var (siteId, evening) = await app.EveningShiftAsync(daysAhead: 6);
        var gp = await app.NewPractitionerAsync();
        var client = app.CreateClient();
        var practitionerPath = FeedSteps.PathOf((await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id)).Url);
        var sitePath = FeedSteps.PathOf((await app.Coordinator().CreateFeedAsync("site", siteId)).Url);

        async Task<EntityTagHeaderValue> ETagOf(string path)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.ETag!;
        }

        async Task<HttpStatusCode> Conditional(string path, EntityTagHeaderValue etag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            return (await client.SendAsync(request)).StatusCode;
        }

        var practitionerBefore = await ETagOf(practitionerPath);
        var siteBefore = await ETagOf(sitePath);
        Assert.Equal(HttpStatusCode.NotModified, await Conditional(practitionerPath, practitionerBefore));
        Assert.Equal(HttpStatusCode.NotModified, await Conditional(sitePath, siteBefore));

        await AssignAsync(evening.Id(), gp.Id);

        Assert.Equal(HttpStatusCode.OK, await Conditional(practitionerPath, practitionerBefore));
        Assert.Equal(HttpStatusCode.OK, await Conditional(sitePath, siteBefore));
        var practitionerAfter = await ETagOf(practitionerPath);
        Assert.NotEqual(practitionerBefore, practitionerAfter);
        Assert.Equal(HttpStatusCode.NotModified, await Conditional(practitionerPath, practitionerAfter));
    }
}
