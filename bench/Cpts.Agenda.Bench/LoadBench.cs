using System.Globalization;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>The load scenarios, in a fixed order, each beside its floor.</summary>
public static class LoadBench
{
    /// <param name="pages">the client of the page scenarios: it follows no redirect and keeps no cookie (each request carries its session).</param>
    public static async Task<LoadReport> RunAsync(LoadSettings s, HttpClient regulator, HttpClient anonymous, HttpClient pages, NpgsqlDataSource db, TextWriter log)
    {
        var report = new LoadReport();
        var shape = await SeededShape.ReadAsync(db);
        await using var memory = s.ServicePid is { } pid ? new MemorySampler(pid) : null;

        void Add(ScenarioStats stats)
        {
            report.Scenarios.Add(stats);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load: {stats.Name} × {stats.Clients}: {stats.Requests:N0} requests, p50 {stats.Percentile(50):0.00} ms, p99 {stats.Percentile(99):0.00} ms, {stats.OkPerSecond:N0} ok/s"));
        }

        var rows = new RowCounter();
        var cpu = s.Cpu;
        foreach (var clients in s.Runs("search") ? s.Clients : [])
        {
            Add(await LoadRunner.RunAsync(Names.Live, clients, s.Duration, s.WarmUp, Operations.HttpGet(anonymous, () => "/health/live"), cpu: cpu));
            var http = new SearchWorkload(shape, 1000 + clients);
            Add(await LoadRunner.RunAsync(Names.Search, clients, s.Duration, s.WarmUp, Operations.HttpGet(regulator, () => SearchWorkload.Url(http.Next())), cpu: cpu));
            // The same sequence of searches (same seed), straight to the database.
            var direct = new SearchWorkload(shape, 1000 + clients);
            Add(await LoadRunner.RunAsync(Names.SearchSql, clients, s.Duration, s.WarmUp, Operations.SqlSearch(db, direct, rows), cpu: cpu));
        }
        report.SearchMeanRows = rows.MeanRows;
        report.SearchEmptyShare = rows.EmptyShare;
        // The GP's week page and the regulator's search page, whole server-rendered answers, signed in by cookie.
        if (s.Runs("pages")) await PagesBench.RunAsync(s, pages, db, shape, Add);
        if (s.Runs("bookings")) await RunBookingsAsync(s, regulator, db, report, Add);
        report.Notes.AddRange(await FeedAndFhirBench.RunAsync(s, anonymous, db, Add));

        if (memory is not null) report.PeakRssKb = memory.PeakKb;
        return report;
    }

    private static async Task RunBookingsAsync(LoadSettings s, HttpClient regulator, NpgsqlDataSource db, LoadReport report, Action<ScenarioStats> Add)
    {
        var cpu = s.Cpu;

        // Enough distinct free slots that a run at several thousand bookings a second does not run out.
        var perScenario = (int)Math.Max(500, (s.Duration + s.WarmUp).TotalSeconds * 3000);
        var free = await Operations.FreeSasSlotsAsync(db, 2 * perScenario + s.ContendedSlots);
        var httpSlots = free.Take(Math.Min(perScenario, (free.Count - s.ContendedSlots) / 2)).ToList();
        var sqlSlots = free.Skip(httpSlots.Count).Take(httpSlots.Count).ToList();
        var contended = free.Skip(2 * httpSlots.Count).Take(s.ContendedSlots).ToList();

        var book = await LoadRunner.RunAsync(Names.Book, s.BookingClients, s.Duration, s.WarmUp, Operations.HttpBookNext(regulator, httpSlots, new Counter()), cpu: cpu);
        if (book.Ok + book.Conflicts + book.ClientErrors + book.ServerErrors + book.Failures >= httpSlots.Count - s.BookingClients) book.Note = "ran out of free slots before the end";
        Add(book);
        Add(await LoadRunner.RunAsync(Names.BookSql, s.BookingClients, s.Duration, s.WarmUp, Operations.SqlBookNext(db, sqlSlots, new Counter()), cpu: cpu));

        var attempts = (long)s.BookingClients * s.AttemptsPerContender;
        var race = await LoadRunner.RunAsync(Names.Contended, s.BookingClients, TimeSpan.FromMinutes(2), TimeSpan.Zero,
            Operations.HttpBookRandom(regulator, contended, 7), attempts, cpu);
        race.Note = $"{contended.Count} slots, {s.AttemptsPerContender} attempts per client";
        Add(race);
        await using (var c = await db.OpenConnectionAsync())
        {
            var active = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = ANY(@Ids) AND status = 'active'", new { Ids = contended.ToArray() });
            var doubled = await c.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE slot_id = ANY(@Ids) AND status = 'active' GROUP BY slot_id HAVING count(*) > 1) d
                """, new { Ids = contended.ToArray() });
            report.Contention = new ContentionResult(contended.Count, race.Requests, race.Ok, race.Conflicts, race.ClientErrors, race.ServerErrors, race.Failures, active, doubled);
        }
    }
}
