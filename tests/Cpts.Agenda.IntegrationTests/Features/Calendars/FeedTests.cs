using Ical.Net;
using Ical.Net.CalendarComponents;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class FeedTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static CalendarEvent Single(Calendar calendar, Guid slotId) => Assert.Single(calendar.Events, e => e.Uid == $"slot-{slotId}@cpts-agenda");

    [Fact]
    public async Task A_practitioner_feed_lists_their_free_and_booked_slots_as_valid_iCalendar()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Feedeur");
        var site = await app.NewSiteAsync();
        var free = await app.PublishSlotAsync(gp.Id, app.NextHour(2), 20, siteId: site.Id);
        var booked = await app.PublishSlotAsync(gp.Id, app.NextHour(3), 30, mode: "teleconsultation");
        await app.BookAsync(app.Regulator(), booked, channel: "sas");
        var other = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(other.Id, app.NextHour(2), mode: "teleconsultation");

        var (_, url) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var (text, calendar) = await app.ReadFeedAsync(url);

        Assert.Equal(2, calendar.Events.Count);
        var freeEvent = Single(calendar, free);
        Assert.Equal("SNP – libre", freeEvent.Summary);
        Assert.Equal(app.NextHour(2), new DateTimeOffset(freeEvent.DtStart!.AsUtc, TimeSpan.Zero));
        Assert.Equal(app.NextHour(2).AddMinutes(20), new DateTimeOffset(freeEvent.DtEnd!.AsUtc, TimeSpan.Zero));
        Assert.Equal("Europe/Paris", freeEvent.DtStart.TzId);
        Assert.Contains(site.Name, freeEvent.Location);
        Assert.Equal("CONFIRMED", freeEvent.Status);
        Assert.NotNull(freeEvent.DtStamp);
        var bookedEvent = Single(calendar, booked);
        Assert.Equal("SNP – réservé (SAS)", bookedEvent.Summary);

        Assert.Single(calendar.TimeZones, tz => tz.TzId == "Europe/Paris");
        text.ShouldContainAll(
            "X-WR-CALNAME:Agenda CPTS – Alex Feedeur", "NAME:Agenda CPTS – Alex Feedeur", "X-PUBLISHED-TTL:PT15M",
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M", "\r\n");
    }

    [Fact]
    public async Task UIDs_stay_the_same_and_SEQUENCE_grows_as_a_slot_is_booked_cancelled_and_withdrawn()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(4), mode: "teleconsultation");
        var (_, url) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);

        var first = Single((await app.ReadFeedAsync(url)).Calendar, slot);
        var again = Single((await app.ReadFeedAsync(url)).Calendar, slot);
        Assert.Equal(first.Uid, again.Uid);
        Assert.Equal(first.Sequence, again.Sequence);

        var booking = await app.BookAsync(app.As("nurse", Guid.NewGuid()), slot, channel: "nurse");
        var booked = Single((await app.ReadFeedAsync(url)).Calendar, slot);
        Assert.True(booked.Sequence > first.Sequence);
        Assert.Equal("SNP – réservé (infirmier)", booked.Summary);

        await (await app.Coordinator().PostJsonAsync($"/api/bookings/{booking.GetProperty("id").GetGuid()}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        var freed = Single((await app.ReadFeedAsync(url)).Calendar, slot);
        Assert.True(freed.Sequence > booked.Sequence);
        Assert.Equal("SNP – libre", freed.Summary);
        Assert.Equal("CONFIRMED", freed.Status);

        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{slot}")).ShouldBe(HttpStatusCode.NoContent);
        var (text, calendar) = await app.ReadFeedAsync(url);
        var withdrawn = Single(calendar, slot);
        Assert.Equal(first.Uid, withdrawn.Uid);
        Assert.True(withdrawn.Sequence > freed.Sequence);
        Assert.Equal("CANCELLED", withdrawn.Status);
        Assert.Contains("STATUS:CANCELLED", text);
    }

    [Fact]
    public async Task A_withdrawn_slot_stays_cancelled_in_the_feed_for_30_days_then_goes()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(1), mode: "teleconsultation");
        var kept = await app.PublishSlotAsync(gp.Id, app.NextHour(30), mode: "teleconsultation");
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{slot}")).ShouldBe(HttpStatusCode.NoContent);
        var (_, url) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);

        app.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal("CANCELLED", Single((await app.ReadFeedAsync(url)).Calendar, slot).Status);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var calendar = (await app.ReadFeedAsync(url)).Calendar;
        Assert.DoesNotContain(calendar.Events, e => e.Uid == $"slot-{slot}@cpts-agenda");
        Single(calendar, kept); // ended 30 days ago less a few hours: the past month stays in the feed
    }

    [Fact]
    public async Task The_feed_answers_304_to_If_None_Match_and_If_Modified_Since_until_something_changes()
    {
        var (gp, path) = await app.NewGpFeedAsync(5);
        var client = app.CreateClient();

        var full = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var etag = full.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var lastModified = full.Content.Headers.LastModified!.Value;

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            var notModified = await client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfModifiedSince = lastModified;
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await app.PublishSlotAsync(gp, app.NextHour(7), mode: "teleconsultation");
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            var changed = await client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.NotEqual(etag, changed.Headers.ETag);
            Assert.Equal(2, Calendar.Load(await changed.Content.ReadAsStringAsync())!.Events.Count);
        }
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfModifiedSince = lastModified;
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(conditional)).StatusCode);
        }
    }

    [Fact]
    public async Task The_same_version_of_a_feed_is_byte_identical()
    {
        var gp = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(gp.Id, app.NextHour(6), mode: "teleconsultation");
        var (_, first) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var (_, second) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var a = await app.CreateClient().GetAsync(FeedSteps.PathOf(first));
        var b = await app.CreateClient().GetAsync(FeedSteps.PathOf(second));
        Assert.Equal(a.Headers.ETag, b.Headers.ETag);
        Assert.Equal(await a.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_revoked_feed_answers_404_at_once_while_the_other_devices_keep_theirs()
    {
        var gp = await app.NewPractitionerAsync();
        var phone = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var laptop = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        Assert.NotEqual(phone.Url, laptop.Url);
        await app.ReadFeedAsync(phone.Url);

        var stranger = await app.NewPractitionerAsync();
        await (await app.Practitioner(stranger.Id).DeleteAsync($"/api/feeds/{phone.Id}")).ShouldBe(HttpStatusCode.Forbidden);

        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/feeds/{phone.Id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await app.CreateClient().GetAsync(FeedSteps.PathOf(phone.Url))).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/feeds/{phone.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await app.ReadFeedAsync(laptop.Url);

        await (await app.Coordinator().DeleteAsync($"/api/feeds/{laptop.Id}")).ShouldBe(HttpStatusCode.NoContent);
        await (await app.CreateClient().GetAsync(FeedSteps.PathOf(laptop.Url))).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_feed_served_before_answers_404_on_the_very_next_request_once_revoked()
    {
        var gp = (await app.NewPractitionerAsync()).Id;
        await app.PublishSlotAsync(gp, app.NextHour(6), mode: "teleconsultation");
        var (feedId, url) = await app.Practitioner(gp).CreateFeedAsync("practitioner", gp);
        var path = FeedSteps.PathOf(url);
        var client = app.CreateClient();
        var etag = (await client.GetAsync(path)).Headers.ETag!;
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            await (await client.SendAsync(conditional)).ShouldBe(HttpStatusCode.NotModified);
        }

        await (await app.Practitioner(gp).DeleteAsync($"/api/feeds/{feedId}")).ShouldBe(HttpStatusCode.NoContent);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            await (await client.SendAsync(conditional)).ShouldBe(HttpStatusCode.NotFound);
        }
        await (await client.GetAsync(path)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Renaming_the_practitioner_of_a_feed_served_before_changes_its_ETag_and_name()
    {
        var (gp, path) = await app.NewGpFeedAsync(7);
        var client = app.CreateClient();
        var etag = (await client.GetAsync(path)).Headers.ETag!;
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            await (await client.SendAsync(conditional)).ShouldBe(HttpStatusCode.NotModified);
        }

        await app.ScalarAsync<int>("UPDATE practitioners SET last_name = 'Renommé' WHERE id = @Id RETURNING 1", new { Id = gp });
        using var renamed = new HttpRequestMessage(HttpMethod.Get, path);
        renamed.Headers.IfNoneMatch.Add(etag);
        var answer = await client.SendAsync(renamed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEqual(etag, answer.Headers.ETag);
        Assert.Contains(" Renommé\r\n", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_304_costs_one_round_trip_to_PostgreSQL_once_the_feed_was_served_and_two_before()
    {
        var gp = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(gp.Id, app.NextHour(8), mode: "teleconsultation");
        var (_, phone) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var (_, laptop) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var cabinet = await app.NewCabinetAsync();
        var (_, room) = await app.Coordinator().CreateFeedAsync("room", cabinet.RoomId);
        var (_, site) = await app.Coordinator().CreateFeedAsync("site", cabinet.SiteId);
        var client = app.CreateClient();

        async Task<int> RoundTrips(string url, System.Net.Http.Headers.EntityTagHeaderValue etag, HttpStatusCode expected)
        {
            using var trips = new NpgsqlRoundTrips();
            using var request = trips.Get(FeedSteps.PathOf(url), etag);
            await (await client.SendAsync(request)).ShouldBe(expected);
            return trips.Count;
        }

        var etag = (await client.GetAsync(FeedSteps.PathOf(phone))).Headers.ETag!;
        Assert.Equal(1, await RoundTrips(phone, etag, HttpStatusCode.NotModified)); // the lookup and the 3 stamps in one batch
        Assert.Equal(2, await RoundTrips(laptop, etag, HttpStatusCode.NotModified)); // same scope, same ETag; not seen yet: lookup, then stamps
        Assert.Equal(1, await RoundTrips(laptop, etag, HttpStatusCode.NotModified));
        foreach (var url in new[] { room, site })
        {
            var tag = (await client.GetAsync(FeedSteps.PathOf(url))).Headers.ETag!;
            Assert.Equal(1, await RoundTrips(url, tag, HttpStatusCode.NotModified));
        }
    }

    [Fact]
    public async Task Unknown_or_malformed_tokens_answer_404()
    {
        await (await app.CreateClient().GetAsync($"/ical/{new string('A', 43)}.ics")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.CreateClient().GetAsync("/ical/short.ics")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_token_carries_256_random_bits_and_only_its_hash_is_stored()
    {
        var gp = await app.NewPractitionerAsync();
        var (id, url) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var token = new Uri(url).Segments[^1].Replace(".ics", "");
        Assert.Equal(43, token.Length); // 32 bytes, base64url
        Assert.True(await app.ScalarAsync<bool>(
            "SELECT token_hash = sha256(convert_to(@Token, 'UTF8')) FROM calendar_feeds WHERE id = @Id", new { Token = token, Id = id }));
        Assert.False(await app.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM calendar_feeds f WHERE f::text LIKE '%' || @Token || '%')", new { Token = token }));
    }

    [Fact]
    public async Task The_feed_never_shows_patient_data()
    {
        var secretPatient = new { firstName = "Zéphyrine", lastName = "Quasimodo-Secret", birthDate = "1947-02-28", phone = "06 99 88 77 66", hasRegularDoctor = false };
        const string secretReason = "Douleur thoracique confidentielle";
        var gp = await app.NewPractitionerAsync();
        var practice = await app.NewSiteAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(8), siteId: practice.Id);
        await (await app.Regulator().PostJsonAsync("/api/bookings", new { slotId = slot, patient = secretPatient, reason = secretReason, channel = "sas" }))
            .ShouldBe(HttpStatusCode.Created);
        var cabinet = await app.NewCabinetAsync();
        var teleconsultation = (await (await app.Nurse(cabinet.NurseId).PostJsonAsync("/api/teleconsultations", new
        {
            roomId = cabinet.RoomId, start = Http.Iso(app.At(10, daysAhead: 3)), nurseId = cabinet.NurseId, doctorId = cabinet.DoctorId,
            patient = secretPatient, reason = secretReason,
        })).ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Every scope a feed can have, each holding the booked item it must show without its patient.
        var slotUid = $"slot-{slot}@cpts-agenda";
        var teleconsultationUid = $"teleconsultation-{teleconsultation}@cpts-agenda";
        foreach (var (scope, id, uid) in new[]
                 {
                     ("practitioner", gp.Id, slotUid), ("site", practice.Id, slotUid), ("room", cabinet.RoomId, teleconsultationUid),
                     ("practitioner", cabinet.NurseId, teleconsultationUid), ("practitioner", cabinet.DoctorId, teleconsultationUid),
                 })
        {
            var (_, url) = await app.Coordinator().CreateFeedAsync(scope, id);
            var (text, calendar) = await app.ReadFeedAsync(url);
            var item = Assert.Single(calendar.Events, e => e.Uid == uid);
            if (uid == slotUid) Assert.Equal(scope == "site" ? "SNP – réservé (SAS) – Alex Testeur" : "SNP – réservé (SAS)", item.Summary);
            var unfolded = text.Replace("\r\n ", "").Replace("\\,", ",");
            foreach (var secret in new[] { "Zéphyrine", "Quasimodo", "Secret", "1947", "19470228", "28/02", "06 99 88 77 66", "0699887766", "99 88", "thoracique", "confidentielle", "Douleur" })
                Assert.False(unfolded.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The {scope} feed of {id} shows \"{secret}\".");
        }
    }

    [Fact]
    public async Task Practitioners_subscribe_to_their_own_feed_and_the_coordinator_to_any_scope()
    {
        var gp = await app.NewPractitionerAsync();
        var other = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync("telemedicine");
        var room = await (await app.Coordinator().PostJsonAsync($"/api/sites/{site.Id}/rooms", new { name = "Salle 1" })).ShouldBe(HttpStatusCode.Created);
        var roomId = room.GetProperty("id").GetGuid();

        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/feeds", new { scope = "practitioner", id = other.Id })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/feeds", new { scope = "room", id = roomId })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/feeds", new { scope = "site", id = site.Id })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().PostJsonAsync("/api/feeds", new { scope = "practitioner", id = gp.Id })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostJsonAsync("/api/feeds", new { scope = "practitioner", id = gp.Id })).ShouldBe(HttpStatusCode.Unauthorized);

        var problem = await (await app.Coordinator().PostJsonAsync("/api/feeds", new { scope = "planet", id = gp.Id })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scope", out _));
        await (await app.Coordinator().PostJsonAsync("/api/feeds", new { scope = "room", id = Guid.NewGuid() })).ShouldBe(HttpStatusCode.NotFound);

        await app.Coordinator().CreateFeedAsync("practitioner", other.Id);
        var (_, roomUrl) = await app.Coordinator().CreateFeedAsync("room", roomId);
        var (roomText, roomCalendar) = await app.ReadFeedAsync(roomUrl);
        Assert.Empty(roomCalendar.Events);
        Assert.Contains("X-WR-CALNAME:Agenda CPTS – Salle 1", roomText);
    }

    [Fact]
    public async Task A_site_feed_shows_the_slots_published_there_with_the_practitioners_names()
    {
        var site = await app.NewSiteAsync();
        var gp = await app.NewPractitionerAsync(lastName: "Sitedemo");
        var here = await app.PublishSlotAsync(gp.Id, app.NextHour(9), siteId: site.Id);
        await app.PublishSlotAsync(gp.Id, app.NextHour(10), mode: "teleconsultation");

        var (_, url) = await app.Coordinator().CreateFeedAsync("site", site.Id);
        var calendar = (await app.ReadFeedAsync(url)).Calendar;
        Assert.Equal("SNP – libre – Alex Sitedemo", Assert.Single(calendar.Events).Summary);
        Single(calendar, here);
    }
}
