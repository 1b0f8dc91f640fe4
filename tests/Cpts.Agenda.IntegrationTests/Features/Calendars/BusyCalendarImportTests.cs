using System.Net.Http.Headers;
using System.Text;
using Cpts.Agenda.Api.Features.Calendars;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Mediator;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class BusyCalendarImportTests(CalendarApp app, CalendarServer server) : IClassFixture<CalendarApp>, IClassFixture<CalendarServer>
{
    private static DateTimeOffset Utc(int m, int d, int h, int min = 0) => new(2026, m, d, h, min, 0, TimeSpan.Zero);

    private async Task<List<(DateTimeOffset Start, DateTimeOffset End)>> BusyTimesAsync(Guid practitionerId)
    {
        await using var c = await app.OpenAsync();
        var rows = await c.QueryAsync<(DateTime Start, DateTime End)>(
            "SELECT lower(during), upper(during) FROM busy_times WHERE practitioner_id = @practitionerId ORDER BY lower(during)", new { practitionerId });
        return rows.Select(r => (new DateTimeOffset(DateTime.SpecifyKind(r.Start, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(r.End, DateTimeKind.Utc)))).ToList();
    }

    private async Task<System.Text.Json.JsonElement> ImportUrlAsync(Guid practitionerId, string path) =>
        await (await app.Practitioner(practitionerId).PostJsonAsync($"/api/practitioners/{practitionerId}/busy-calendars", new { url = server.Url(path) }))
            .ShouldBe(HttpStatusCode.Created);

    [Fact]
    public async Task A_Google_calendar_URL_is_imported_with_its_exceptions_all_day_and_UTC_events()
    {
        var gp = await app.NewPractitionerAsync();
        var body = await ImportUrlAsync(gp.Id, "/google.ics");
        Assert.Equal("url", body.GetProperty("kind").GetString());
        Assert.Equal(5, body.GetProperty("busyTimes").GetInt32());

        Assert.Equal(
        [
            (Utc(10, 19, 7), Utc(10, 19, 8)),    // weekly Monday staff, 09:00 CEST
            (Utc(10, 21, 12), Utc(10, 21, 13)),  // UTC event
            (Utc(10, 26, 8), Utc(10, 26, 9)),    // 09:00 CET: the daylight-saving week keeps 09:00 local
            (Utc(10, 27, 23), Utc(10, 29, 23)),  // all-day 28–29 October, whole Paris days
            (Utc(11, 9, 13), Utc(11, 9, 14)),    // moved instance (RECURRENCE-ID); EXDATE and cancelled instance gone
        ], await BusyTimesAsync(gp.Id));
    }

    [Fact]
    public async Task An_Outlook_calendar_with_Windows_time_zone_names_is_imported()
    {
        var gp = await app.NewPractitionerAsync();
        await ImportUrlAsync(gp.Id, "/outlook.ics");
        Assert.Equal(
        [
            (Utc(10, 20, 16), Utc(10, 20, 17)),
            (Utc(10, 22, 16), Utc(10, 22, 17)),
            (Utc(10, 23, 6), Utc(10, 23, 7)),
            (Utc(10, 27, 17), Utc(10, 27, 18)),
            (Utc(11, 3, 16), Utc(11, 3, 17, 30)),
            (Utc(11, 5, 17), Utc(11, 5, 18)),
            (Utc(11, 10, 23), Utc(11, 11, 23)),
        ], await BusyTimesAsync(gp.Id));
    }

    [Fact]
    public async Task An_Apple_calendar_uploaded_as_a_file_is_imported_with_floating_times_as_Paris_time()
    {
        var gp = await app.NewPractitionerAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Calendars", "Fixtures", "apple.ics")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        form.Add(file, "file", "Perso.ics");
        var body = await (await app.Practitioner(gp.Id).PostAsync($"/api/practitioners/{gp.Id}/busy-calendars", form)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("file", body.GetProperty("kind").GetString());

        Assert.Equal(
        [
            (Utc(10, 22, 9, 30), Utc(10, 22, 10, 30)), // floating 11:30–12:30
            (Utc(10, 23, 7), Utc(10, 23, 10)),         // Friday 09:00–12:00 CEST
            (Utc(10, 31, 9), Utc(10, 31, 11)),         // instance moved to Saturday 10:00 CET
            (Utc(11, 1, 23), Utc(11, 3, 23)),          // holidays 2–3 November; the cancelled brunch is not busy
            (Utc(11, 6, 8), Utc(11, 6, 11)),           // Friday 09:00 CET, last before UNTIL
        ], await BusyTimesAsync(gp.Id));
    }

    [Fact]
    public async Task A_text_calendar_body_is_accepted_too()
    {
        var gp = await app.NewPractitionerAsync();
        var content = new StringContent("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Thunderbird//FR
            BEGIN:VEVENT
            UID:tb-1
            DTSTART;TZID=Europe/Paris:20261022T140000
            DTEND;TZID=Europe/Paris:20261022T150000
            END:VEVENT
            END:VCALENDAR
            """.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/calendar");
        await (await app.Coordinator().PostAsync($"/api/practitioners/{gp.Id}/busy-calendars", content)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal([(Utc(10, 22, 12), Utc(10, 22, 13))], await BusyTimesAsync(gp.Id));
    }

    [Fact]
    public async Task A_malformed_file_imports_nothing()
    {
        var gp = await app.NewPractitionerAsync();
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", new { url = server.Url("/broken.ics") }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("DTSTART", problem.GetProperty("detail").GetString());
        Assert.Empty(await BusyTimesAsync(gp.Id));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM busy_calendars WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_busy_time_blocks_publishing_an_overlapping_slot_with_409()
    {
        var gp = await app.NewPractitionerAsync();
        await ImportUrlAsync(gp.Id, "/google.ics");
        var clash = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", new
        {
            practitionerId = gp.Id, start = "2026-10-21T14:30:00+02:00", end = "2026-10-21T14:50:00+02:00", mode = "teleconsultation", visibility = "sas",
        })).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("busy time from the practitioner's own calendar", clash.GetProperty("detail").GetString());

        var batch = await (await app.Coordinator().PostJsonAsync("/api/slots/batch", new
        {
            slots = new[]
            {
                new { practitionerId = gp.Id, start = "2026-10-21T10:00:00+02:00", end = "2026-10-21T10:20:00+02:00", mode = "teleconsultation", visibility = "sas" },
                new { practitionerId = gp.Id, start = "2026-10-26T09:40:00+01:00", end = "2026-10-26T10:00:00+01:00", mode = "teleconsultation", visibility = "sas" },
            },
        })).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("busy time", batch.GetProperty("detail").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));

        // Right after the busy time is fine ([start, end) ranges), and so is another practitioner.
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", new
        {
            practitionerId = gp.Id, start = "2026-10-21T15:00:00+02:00", end = "2026-10-21T15:20:00+02:00", mode = "teleconsultation", visibility = "sas",
        })).ShouldBe(HttpStatusCode.Created);
        var other = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(other.Id, Utc(10, 21, 12, 30), mode: "teleconsultation");
    }

    [Fact]
    public async Task An_import_withdraws_an_overlapping_free_slot_records_a_notice_and_leaves_a_booked_one()
    {
        var gp = await app.NewPractitionerAsync();
        var free = await app.PublishSlotAsync(gp.Id, Utc(10, 21, 12, 20), 20, mode: "teleconsultation");
        var booked = await app.PublishSlotAsync(gp.Id, Utc(10, 19, 7, 30), 20, mode: "teleconsultation");
        var untouched = await app.PublishSlotAsync(gp.Id, Utc(10, 21, 13, 0), 20, mode: "teleconsultation");
        await app.BookAsync(app.Regulator(), booked);
        var (_, feedUrl) = await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id);
        var before = (await app.ReadFeedAsync(feedUrl)).Calendar.Events.Single(e => e.Uid == $"slot-{free}@cpts-agenda");

        var body = await ImportUrlAsync(gp.Id, "/google.ics");
        Assert.Equal([free], body.GetProperty("withdrawnSlots").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([booked], body.GetProperty("clashingBookedSlots").EnumerateArray().Select(e => e.GetGuid()));

        Assert.Equal("withdrawn", (await (await app.Regulator().GetAsync($"/api/slots/{free}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("booked", (await (await app.Regulator().GetAsync($"/api/slots/{booked}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("free", (await (await app.Regulator().GetAsync($"/api/slots/{untouched}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());

        await using (var c = await app.OpenAsync())
        {
            var notices = (await c.QueryAsync<(string Kind, Guid SlotId)>(
                "SELECT kind, slot_id FROM practitioner_notices WHERE practitioner_id = @Id ORDER BY kind", new { gp.Id })).ToList();
            Assert.Equal([("booked-slot-clashes-busy", booked), ("slot-withdrawn-busy", free)], notices);
        }

        var after = (await app.ReadFeedAsync(feedUrl)).Calendar.Events.Single(e => e.Uid == $"slot-{free}@cpts-agenda");
        Assert.Equal("CANCELLED", after.Status);
        Assert.True(after.Sequence > before.Sequence);

        // The booked slot's clash is told once, however often the calendar is read again (the same URL: the same calendar).
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", new { url = server.Url("/google.ics") }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2L, await app.ScalarAsync<long>("SELECT count(*) FROM practitioner_notices WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_URL_calendar_is_refreshed_with_its_ETag_and_reimported_when_it_changes()
    {
        var gp = await app.NewPractitionerAsync();
        var path = $"/dynamic-{Guid.NewGuid():N}.ics";
        server.Set(path, Ics("20261022T080000Z", "20261022T090000Z"));
        var calendarId = (await ImportUrlAsync(gp.Id, path)).GetProperty("id").GetGuid();
        Assert.Equal([(Utc(10, 22, 8), Utc(10, 22, 9))], await BusyTimesAsync(gp.Id));

        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var unchanged = await mediator.Send(new RefreshBusyCalendar.Command(calendarId));
        Assert.Equal("not-modified", unchanged.Value!.Status);
        Assert.NotNull(server.LastIfNoneMatch(path));

        server.Set(path, Ics("20261023T080000Z", "20261023T100000Z"));
        var changed = await mediator.Send(new RefreshBusyCalendar.Command(calendarId));
        Assert.Equal("imported", changed.Value!.Status);
        Assert.Equal([(Utc(10, 23, 8), Utc(10, 23, 10))], await BusyTimesAsync(gp.Id));

        // A broken answer keeps the busy times we had and records the problem.
        server.Set(path, "<html>maintenance</html>", "text/html");
        var failed = await mediator.Send(new RefreshBusyCalendar.Command(calendarId));
        Assert.Equal("failed", failed.Value!.Status);
        Assert.Equal([(Utc(10, 23, 8), Utc(10, 23, 10))], await BusyTimesAsync(gp.Id));
        var listed = await (await app.Practitioner(gp.Id).GetAsync($"/api/practitioners/{gp.Id}/busy-calendars")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("text/html", listed.GetProperty("items")[0].GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Due_URL_calendars_are_fetched_again_every_15_minutes()
    {
        var gp = await app.NewPractitionerAsync();
        var path = $"/polled-{Guid.NewGuid():N}.ics";
        server.Set(path, Ics("20261024T080000Z", "20261024T090000Z"));
        await ImportUrlAsync(gp.Id, path);
        Assert.Equal(1, server.Requests(path));

        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new RefreshDueBusyCalendars.Command());
        Assert.Equal(1, server.Requests(path)); // not due yet

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        server.Set(path, Ics("20261024T100000Z", "20261024T110000Z"));
        // What the recurring job runs (this host runs no Hangfire server: the test runs the job itself).
        await using (var jobScope = app.Services.CreateAsyncScope())
            await jobScope.ServiceProvider.GetRequiredService<CalendarJobs>().RefreshDueAsync(CancellationToken.None);
        Assert.Equal(2, server.Requests(path));
        Assert.Equal([(Utc(10, 24, 10), Utc(10, 24, 11))], await BusyTimesAsync(gp.Id));
    }

    [Fact]
    public async Task A_calendar_URL_redirecting_to_a_file_is_refused_with_422_not_500()
    {
        var gp = await app.NewPractitionerAsync();
        var path = $"/to-file-{Guid.NewGuid():N}.ics";
        server.Redirect(path, "file:///etc/passwd");
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", new { url = server.Url(path) }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.DoesNotContain("passwd", problem.ToString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM busy_calendars WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task One_calendar_failing_in_a_refresh_run_never_stops_the_others_and_records_its_error()
    {
        var gps = new List<Guid>();
        var paths = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var gp = await app.NewPractitionerAsync();
            var path = $"/batch-{i}-{Guid.NewGuid():N}.ics";
            server.Set(path, Ics("20261025T080000Z", "20261025T090000Z"));
            await ImportUrlAsync(gp.Id, path);
            gps.Add(gp.Id);
            paths.Add(path);
        }
        // The first now redirects to a file; the second has a stored URL the refresh cannot even read.
        server.Redirect(paths[0], "file:///etc/passwd");
        await using (var c = await app.OpenAsync())
            await c.ExecuteAsync("UPDATE busy_calendars SET url = 'http://[not-an-address' WHERE practitioner_id = @Id", new { Id = gps[1] });
        foreach (var path in paths.Skip(2)) server.Set(path, Ics("20261026T080000Z", "20261026T090000Z"));

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await app.RunAsync(new RefreshDueBusyCalendars.Command());
        Assert.Equal(0L, await PendingAsync(gps));

        foreach (var gp in gps.Skip(2)) Assert.Equal([(Utc(10, 26, 8), Utc(10, 26, 9))], await BusyTimesAsync(gp));
        Assert.Equal([(Utc(10, 25, 8), Utc(10, 25, 9))], await BusyTimesAsync(gps[0])); // kept
        var redirected = await (await app.Practitioner(gps[0]).GetAsync($"/api/practitioners/{gps[0]}/busy-calendars")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("redirect", redirected.GetProperty("items")[0].GetProperty("lastError").GetString());
        var unreadable = await (await app.Practitioner(gps[1]).GetAsync($"/api/practitioners/{gps[1]}/busy-calendars")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(RefreshDueBusyCalendars.UnexpectedFailure, unreadable.GetProperty("items")[0].GetProperty("lastError").GetString());
    }

    /// <summary>Calendars of these practitioners that neither got their new busy times nor recorded an error.</summary>
    private async Task<long> PendingAsync(List<Guid> practitioners) => await app.ScalarAsync<long>("""
        SELECT count(*) FROM busy_calendars c
        WHERE c.practitioner_id = ANY(@Ids) AND c.last_error IS NULL
          AND NOT EXISTS (SELECT 1 FROM busy_times t WHERE t.calendar_id = c.id AND lower(t.during) >= '2026-10-26')
        """, new { Ids = practitioners.ToArray() });

    [Fact]
    public async Task Refreshing_due_calendars_is_a_recurring_job_every_minute_in_Paris_time()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == CalendarRecurringJobs.RefreshBusyId);
        Assert.Equal(Cron.Minutely(), job.Cron);
        Assert.Equal("Europe/Paris", job.TimeZoneId);
        Assert.Equal(typeof(CalendarJobs), job.Job.Type);
        Assert.Equal(nameof(CalendarJobs.RefreshDueAsync), job.Job.Method.Name);
    }

    /// <summary>A busy time uploaded as a file: Wednesday 21 October 2026, Paris local.</summary>
    private async Task BusyAsync(Guid practitionerId, string start, string end)
    {
        var content = new StringContent($"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VEVENT
            UID:busy-{Guid.NewGuid():N}@test
            DTSTART;TZID=Europe/Paris:20261021T{start}00
            DTEND;TZID=Europe/Paris:20261021T{end}00
            END:VEVENT
            END:VCALENDAR
            """.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/calendar");
        await (await app.Coordinator().PostAsync($"/api/practitioners/{practitionerId}/busy-calendars", content)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_busy_time_blocks_assigning_an_overlapping_MMG_shift_with_409_saying_why()
    {
        var site = await app.NewSiteAsync("mmg");
        var wednesday = new DateOnly(2026, 10, 21);
        var shifts = await app.GenerateAsync(site.Id, wednesday, wednesday, template: "pdsa");
        var evening = Assert.Single(shifts); // 20:00–24:00
        var gp = await app.NewPractitionerAsync();
        await BusyAsync(gp.Id, "1900", "2100");

        var assign = await (await app.Coordinator().PostJsonAsync($"/api/shifts/{evening.Id()}/assign", new { practitionerId = gp.Id }))
            .ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("busy time in their own calendar", assign.GetProperty("detail").GetString());
        var volunteer = await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{evening.Id()}/volunteer")).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("busy time in their own calendar", volunteer.GetProperty("detail").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE id = @Id AND assignee_id IS NOT NULL", new { Id = evening.Id() }));

        // Another generalist without busy times takes it.
        var other = await app.NewPractitionerAsync();
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{evening.Id()}/assign", new { practitionerId = other.Id })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_busy_time_blocks_booking_a_teleconsultation_for_that_doctor_with_409_saying_why()
    {
        var cab = await app.NewCabinetAsync();
        await BusyAsync(cab.DoctorId, "1330", "1500");
        var start = new DateTimeOffset(2026, 10, 21, 12, 0, 0, TimeSpan.Zero); // 14:00 in Paris

        var clash = await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(start))).ShouldBe(HttpStatusCode.Conflict);
        Assert.Equal("The doctor has a busy time in their own calendar at that time.", clash.GetProperty("detail").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE doctor_id = @DoctorId", new { cab.DoctorId }));

        // Right after the busy time is fine.
        await (await app.Nurse(cab.NurseId).PostJsonAsync("/api/teleconsultations", cab.Body(start.AddHours(1)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_the_practitioner_and_the_coordinator_add_busy_calendars()
    {
        var gp = await app.NewPractitionerAsync();
        var other = await app.NewPractitionerAsync();
        var body = new { url = server.Url("/google.ics") };
        await (await app.Practitioner(other.Id).PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().PostJsonAsync($"/api/practitioners/{Guid.NewGuid()}/busy-calendars", body)).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Coordinator().PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", body)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Removing_a_busy_calendar_frees_its_times()
    {
        var gp = await app.NewPractitionerAsync();
        var id = (await ImportUrlAsync(gp.Id, "/google.ics")).GetProperty("id").GetGuid();
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/practitioners/{gp.Id}/busy-calendars/{id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(await BusyTimesAsync(gp.Id));
        await app.PublishSlotAsync(gp.Id, Utc(10, 21, 12, 0), mode: "teleconsultation");
    }

    [Theory]
    [InlineData("file:///etc/passwd", HttpStatusCode.BadRequest, "http or https")]
    [InlineData("ftp://127.0.0.1/cal.ics", HttpStatusCode.BadRequest, "http or https")]
    [InlineData("not a url", HttpStatusCode.BadRequest, "http or https")]
    [InlineData("/page.html", HttpStatusCode.UnprocessableEntity, "not an iCalendar")]
    [InlineData("/data.json", HttpStatusCode.UnprocessableEntity, "not an iCalendar")]
    [InlineData("/not-a-calendar.txt", HttpStatusCode.UnprocessableEntity, "did not answer an iCalendar")]
    [InlineData("/big.ics", HttpStatusCode.UnprocessableEntity, "larger than 5 MB")]
    [InlineData("/missing.ics", HttpStatusCode.UnprocessableEntity, "HTTP 404")]
    public async Task Bad_URLs_and_answers_that_are_not_calendars_are_refused_clearly(string url, HttpStatusCode status, string says)
    {
        var gp = await app.NewPractitionerAsync();
        var target = url.StartsWith('/') ? server.Url(url) : url;
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/practitioners/{gp.Id}/busy-calendars", new { url = target })).ShouldBe(status);
        Assert.Matches(says, problem.ToString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM busy_calendars WHERE practitioner_id = @Id", new { gp.Id }));
    }

    private static string Ics(string start, string end) => $"""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:dynamic@test
        DTSTART:{start}
        DTEND:{end}
        END:VEVENT
        END:VCALENDAR
        """.ReplaceLineEndings("\r\n");

    [Fact]
    public async Task The_same_calendar_sent_twice_stays_one_calendar_and_the_list_is_a_page()
    {
        var gp = await app.NewPractitionerAsync();
        var calendars = $"/api/practitioners/{gp.Id}/busy-calendars";
        var text = Ics("20261023T080000Z", "20261023T100000Z");
        async Task<HttpResponseMessage> UploadAsync() => await app.Practitioner(gp.Id).PostAsync(calendars, new StringContent(text, Encoding.UTF8, "text/calendar"));
        var file = await (await UploadAsync()).ShouldBe(HttpStatusCode.Created);
        var fileAgain = await (await UploadAsync()).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(file.GetProperty("id").GetGuid(), fileAgain.GetProperty("id").GetGuid());
        Assert.Equal(1, fileAgain.GetProperty("busyTimes").GetInt32());

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the list's order: created first, first listed
        var path = $"/twice-{Guid.NewGuid():N}.ics";
        server.Set(path, Ics("20261024T080000Z", "20261024T090000Z"));
        var url = await ImportUrlAsync(gp.Id, path);
        var urlAgain = await (await app.Practitioner(gp.Id).PostJsonAsync(calendars, new { url = server.Url(path) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(url.GetProperty("id").GetGuid(), urlAgain.GetProperty("id").GetGuid());
        Assert.Equal(2L, await app.ScalarAsync<long>("SELECT count(*) FROM busy_calendars WHERE practitioner_id = @Id", new { gp.Id }));
        Assert.Equal(2, (await BusyTimesAsync(gp.Id)).Count);

        // {items, next} like every list, in pages.
        var first = await (await app.Practitioner(gp.Id).GetAsync($"{calendars}?limit=1")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(file.GetProperty("id").GetGuid(), Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var next = first.GetProperty("next").GetString();
        var second = await (await app.Practitioner(gp.Id).GetAsync($"{calendars}?limit=1&cursor={next}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(url.GetProperty("id").GetGuid(), Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }
}
