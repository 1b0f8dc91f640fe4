using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Bench;
using Cpts.Agenda.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.IntegrationTests.Bench;

/// <summary>
/// The bench at tiny scale: the seeder leaves a consistent agenda and every load scenario runs against
/// the service in process. Only counts and outcomes are asserted, never speed.
/// </summary>
public sealed class BenchSmokeTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Seeder_builds_a_consistent_agenda_and_every_load_scenario_runs_on_it()
    {
        var options = new SeedOptions(Practitioners: 20, Sites: 3, Days: 2, SlotsPerDay: 10);
        var seeded = await Seeder.SeedAsync(app.ConnectionString, options, TextWriter.Null);

        Assert.Equal(20, seeded.Practitioners);
        Assert.Equal(3, seeded.Sites);
        Assert.Equal(20 * 2 * 10, seeded.Slots);
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE status <> 'withdrawn'"), seeded.Commitments);
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE status = 'booked'"), seeded.Bookings);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM slots s WHERE s.status <> 'withdrawn'
              AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.source_id = s.id AND c.during = tstzrange(s.starts_at, s.ends_at, '[)'))
            """));
        Assert.Equal("O", await app.ScalarAsync<string>("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'slots_hold_commitment'"));
        await using (var c = await app.OpenAsync())
        {
            Assert.All(await c.QueryAsync<string>("SELECT rpps FROM practitioners"), rpps => Assert.True(Rpps.IsValid(rpps), rpps));
        }

        var settings = new LoadSettings([2], TimeSpan.FromMilliseconds(300), TimeSpan.Zero, BookingClients: 4, ContendedSlots: 5, AttemptsPerContender: 3);
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        var report = await LoadBench.RunAsync(settings, app.Regulator(), app.CreateClient(), db, TextWriter.Null);

        Assert.Equal(10, report.Scenarios.Count); // 3 search, 3 booking, feed full and 304, FHIR Slot at 1 and 16 clients
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
    }
}
