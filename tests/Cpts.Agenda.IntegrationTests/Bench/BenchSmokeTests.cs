using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Telemedicine;
using Cpts.Agenda.Bench;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Cpts.Agenda.IntegrationTests.Bench;

/// <summary>
/// The bench at tiny scale: the seeder leaves a consistent agenda and every load scenario runs against
/// the service in process, abuse limits off as bench/run.sh runs it. Only counts and outcomes are asserted, never speed.
/// </summary>
public sealed class BenchSmokeTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Seeder_builds_a_consistent_agenda_and_every_load_scenario_runs_on_it()
    {
        // Three days always hold a weekday: the rooms are open and the roster has evening shifts.
        var options = new SeedOptions(Practitioners: 20, Sites: 3, Days: 3, SlotsPerDay: 10);
        var seeded = await Seeder.SeedAsync(app.ConnectionString, options, TextWriter.Null);

        Assert.Equal(20, seeded.Practitioners);
        Assert.Equal(3, seeded.Sites);
        Assert.Equal(20 * 3 * 10, seeded.Slots + seeded.SlotsLeftOut);
        Assert.Equal(await app.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM slots WHERE status <> 'withdrawn')
                 + (SELECT count(*) FROM shifts WHERE assignee_id IS NOT NULL)
                 + (SELECT 2 * count(*) + count(room_id) FROM teleconsultations WHERE status = 'active')
            """), seeded.Commitments);
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE status = 'booked'"), seeded.Bookings);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM slots s WHERE s.status <> 'withdrawn'
              AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.source_id = s.id AND c.during = tstzrange(s.starts_at, s.ends_at, '[)'))
            """));

        // The MMG roster: the default template's shifts of the seeded days, most assigned to generalists, the rest open.
        Assert.True(seeded.Shifts >= 3, $"{seeded.Shifts} shifts");
        Assert.InRange(seeded.AssignedShifts, 1, seeded.Shifts - 1);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM shifts s
            WHERE s.template <> 'pdsa' OR s.profession <> 'generalist'
               OR NOT EXISTS (SELECT 1 FROM sites x WHERE x.id = s.site_id AND x.kind = 'mmg')
               OR (s.assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM practitioners p WHERE p.id = s.assignee_id AND p.profession = 'generalist'))
               -- Paris local times of the template: evenings 20:00-24:00, Saturday afternoons 12:00-20:00, days 08:00-20:00.
               OR (s.period, (s.starts_at AT TIME ZONE 'Europe/Paris')::time, (s.ends_at AT TIME ZONE 'Europe/Paris')::time)
                  NOT IN (('evening', '20:00', '00:00'), ('afternoon', '12:00', '20:00'), ('day', '08:00', '20:00'))
            """));
        // One commitment per assigned shift, of the same range and holder; none for an open one.
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM shifts s
            WHERE (SELECT count(*) FROM commitments c WHERE c.source_kind = 'shift' AND c.source_id = s.id)
                  <> CASE WHEN s.assignee_id IS NULL THEN 0 ELSE 1 END
               OR (s.assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.source_kind = 'shift' AND c.source_id = s.id
                   AND c.holder_id = s.assignee_id AND c.holder_kind = 'practitioner' AND c.during = tstzrange(s.starts_at, s.ends_at, '[)')))
            """));

        // Telemedicine: the rooms, and teleconsultations in them and at home.
        Assert.Equal(4, seeded.Rooms);
        Assert.True(seeded.Teleconsultations > seeded.HomeTeleconsultations, $"{seeded.Teleconsultations} teleconsultations");
        Assert.True(seeded.HomeTeleconsultations > 0);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM teleconsultations t
            LEFT JOIN practitioners n ON n.id = t.nurse_id LEFT JOIN practitioners d ON d.id = t.doctor_id
            LEFT JOIN rooms r ON r.id = t.room_id
            WHERE n.profession <> 'nurse' OR d.profession <> 'generalist'
               OR (t.room_id IS NOT NULL AND r.site_id <> t.site_id)
               OR (t.room_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sites x WHERE x.id = t.site_id AND x.kind = 'telemedicine'))
               OR t.patient_phone IS NOT NULL OR t.reason IS NOT NULL
            """));
        // An active one holds its room (if any), its nurse and its doctor over its range; a cancelled one holds nothing.
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM teleconsultations t
            WHERE (SELECT count(*) FROM commitments c WHERE c.source_kind = 'teleconsultation' AND c.source_id = t.id)
                  <> CASE WHEN t.status <> 'active' THEN 0 WHEN t.room_id IS NULL THEN 2 ELSE 3 END
               OR (t.status = 'active' AND EXISTS (
                   SELECT 1 FROM (VALUES (t.room_id, 'room'), (t.nurse_id, 'practitioner'), (t.doctor_id, 'practitioner')) AS h(holder_id, holder_kind)
                   WHERE h.holder_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.source_kind = 'teleconsultation' AND c.source_id = t.id
                       AND c.holder_id = h.holder_id AND c.holder_kind = h.holder_kind AND c.during = tstzrange(t.starts_at, t.ends_at, '[)'))))
            """));
        // On each room's grid, inside its opening hours (the service's own placement rule).
        await using (var c = await app.OpenAsync())
        {
            var rooms = (await c.QueryAsync<RoomRow>("SELECT id, site_id, slot_minutes, min_patient_age, opening_hours::text AS opening_hours FROM rooms"))
                .ToDictionary(r => r.Id);
            var placed = await c.QueryAsync<(Guid RoomId, DateTime Start, DateTime End)>("SELECT room_id, starts_at, ends_at FROM teleconsultations WHERE room_id IS NOT NULL");
            Assert.All(placed, t => Assert.Null(RoomRules.PlacementProblem(rooms[t.RoomId].Hours, rooms[t.RoomId].SlotMinutes,
                new DateTimeOffset(t.Start, TimeSpan.Zero), new DateTimeOffset(t.End, TimeSpan.Zero))));
        }

        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM pg_trigger
            WHERE tgname IN ('slots_hold_commitment', 'shifts_hold_commitment', 'teleconsultations_hold_commitments') AND tgenabled <> 'O'
            """));
        Assert.Equal(3L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM pg_trigger WHERE tgname IN ('slots_hold_commitment', 'shifts_hold_commitment', 'teleconsultations_hold_commitments')"));
        Assert.Empty(await app.InvariantViolationsAsync());
        await using (var c = await app.OpenAsync())
        {
            Assert.All(await c.QueryAsync<string>("SELECT rpps FROM practitioners"), rpps => Assert.True(Rpps.IsValid(rpps), rpps));
        }

        var settings = new LoadSettings([2], TimeSpan.FromMilliseconds(300), TimeSpan.Zero, BookingClients: 4, ContendedSlots: 5, AttemptsPerContender: 3);
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        // The pages' client as bench/run.sh's: no redirect followed, no cookie kept (each request carries its session).
        var pages = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(21L, await app.ScalarAsync<long>("SELECT count(*) FROM members WHERE role IS NOT NULL")); // each practitioner and one regulator
        // On the seeded agenda, before the booking scenarios take free SAS slots (how many depends on the machine's speed).
        await PageChecksRefuseWhatDoesNotShowTheData(pages, db);
        var report = await LoadBench.RunAsync(settings, app.Regulator(), app.CreateClient(), pages, db, TextWriter.Null);

        Assert.Equal(12, report.Scenarios.Count); // 3 search, 2 pages, 3 booking, feed full and 304, FHIR Slot at 1 and 16 clients
        Assert.All(report.Scenarios, s =>
        {
            Assert.True(s.Requests > 0, s.Name);
            Assert.Equal(0, s.ServerErrors);
            Assert.Equal(0, s.Failures);
        });
        var search = report.Find(Names.Search, 2)!;
        Assert.Equal(search.Requests, search.Ok);
        Assert.True(report.Find(Names.Book, 4)!.Ok > 0);
        var race = report.Contention!;
        Assert.InRange(race.Winners, 1, 5);
        Assert.Equal(race.Winners, race.ActiveBookingsInDatabase);
        Assert.Equal(0, race.SlotsWithTwoActiveBookings);
        Assert.Equal(race.Attempts, race.Winners + race.Conflicts);
        Assert.Contains("| GET /api/availability (search) | 2 |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal(report.Find(FeedAndFhirBench.FeedNotModified, 1)!.Requests, report.Find(FeedAndFhirBench.FeedNotModified, 1)!.Ok); // every answer a 304
        Assert.Equal(report.Find(FeedAndFhirBench.FhirSlot, 16)!.Requests, report.Find(FeedAndFhirBench.FhirSlot, 16)!.Ok);
        Assert.Contains("Feed: 5,000 events", report.ToMarkdown(), StringComparison.Ordinal);
        // Every page answer proved it rendered its data (the GP's slot times, the search's results heading).
        foreach (var page in new[] { PagesBench.GpWeek, PagesBench.SearchPage })
            Assert.Equal(report.Find(page, 2)!.Requests, report.Find(page, 2)!.Ok);
        Assert.Contains("| GET /agenda (GP's week page) | 2 |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Empty(await app.InvariantViolationsAsync());
    }

    /// <summary>A page that errors, redirects to sign-in or shows no asked-for data is never counted as ok.</summary>
    private static async Task PageChecksRefuseWhatDoesNotShowTheData(HttpClient pages, NpgsqlDataSource db)
    {
        var signIn = await PagesBench.SignIn.StartAsync(pages);
        var regulator = await signIn.AsAsync(Seeder.RegulatorMemberId);
        Guid gpMember;
        Guid gp;
        (DateTime Start, DateTime End) slot;
        string postalCode;
        await using (var c = await db.OpenConnectionAsync())
        {
            postalCode = await c.QueryFirstAsync<string>("SELECT postal_code FROM sites ORDER BY postal_code LIMIT 1");
            (gpMember, gp) = await c.QueryFirstAsync<(Guid, Guid)>("""
                SELECT m.id, m.practitioner_id FROM members m JOIN practitioners p ON p.id = m.practitioner_id
                WHERE p.profession = 'generalist' AND EXISTS (SELECT 1 FROM slots s WHERE s.practitioner_id = p.id) ORDER BY p.rpps LIMIT 1
                """);
            slot = await c.QueryFirstAsync<(DateTime, DateTime)>("SELECT starts_at, ends_at FROM slots WHERE practitioner_id = @gp ORDER BY starts_at LIMIT 1", new { gp });
        }
        var start = new DateTimeOffset(DateTime.SpecifyKind(slot.Start, DateTimeKind.Utc));
        var period = Cpts.Agenda.Api.Web.AgendaText.Period(start, new DateTimeOffset(DateTime.SpecifyKind(slot.End, DateTimeKind.Utc)));
        var path = "/agenda?jour=" + Paris.LocalDate(start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cookie = await signIn.AsAsync(gpMember);

        Assert.Equal(Outcome.Ok, await PagesBench.GetWeekAsync(pages, new PagesBench.WeekTarget(cookie, path, period, period), CancellationToken.None));
        // A time the week does not hold: the page rendered, but not the data asked for.
        Assert.Equal(Outcome.Failed, await PagesBench.GetWeekAsync(pages, new PagesBench.WeekTarget(cookie, path, period, "03:17–03:37"), CancellationToken.None));
        // No session: a redirect to the sign-in page, not a page.
        Assert.Equal(Outcome.ClientError, await PagesBench.GetWeekAsync(pages, new PagesBench.WeekTarget("", path, period, period), CancellationToken.None));
        // The regulator has no week page: never ok.
        Assert.NotEqual(Outcome.Ok, await PagesBench.GetWeekAsync(pages, new PagesBench.WeekTarget(regulator, path, period, period), CancellationToken.None));

        var results = new RowCounter();
        var from = Uri.EscapeDataString(Paris.ToLocal(start).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Outcome.Ok, await PagesBench.GetSearchAsync(pages, regulator, $"/trouver?lieu={postalCode}&rayon=500&profession=generalist&mode=&depuis={from}", results, CancellationToken.None));
        Assert.True(results.MeanRows > 0, "a search over the whole département from a slot's start finds slots");
        // An unknown place: 200 with the field's error, no results.
        Assert.Equal(Outcome.Failed, await PagesBench.GetSearchAsync(pages, regulator, "/trouver?lieu=Nulle-Part&rayon=20&profession=generalist", null, CancellationToken.None));
        // The bare form, no search made.
        Assert.Equal(Outcome.Failed, await PagesBench.GetSearchAsync(pages, regulator, "/trouver", null, CancellationToken.None));
        Assert.Equal(Outcome.ClientError, await PagesBench.GetSearchAsync(pages, "", "/trouver?lieu=70000", null, CancellationToken.None));
        Assert.Null(PagesBench.SearchResults("<h1>Connexion</h1>"));
    }
}
