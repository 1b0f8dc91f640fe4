using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

public sealed record LoadSettings(int[] Clients, TimeSpan Duration, TimeSpan WarmUp, int BookingClients = 64, int ContendedSlots = 100,
    int AttemptsPerContender = 10, int? ServicePid = null, string? SigningKey = null)
{
    /// <summary>The groups of scenarios to run (search, pages, bookings, feed, fhir); all when not given.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Reads the service's and PostgreSQL's CPU time around each measured phase.</summary>
    public CpuMeters? Cpu { get; init; }

    public bool Runs(string group) => Only is null || Only.Contains(group);
}

public sealed record ContentionResult(int Slots, long Attempts, long Winners, long Conflicts, long OtherClientErrors, long ServerErrors, long Failures,
    long ActiveBookingsInDatabase, long SlotsWithTwoActiveBookings);

public sealed class LoadReport
{
    public List<ScenarioStats> Scenarios { get; } = [];
    public ContentionResult? Contention { get; set; }
    public double SearchMeanRows { get; set; }
    public double SearchEmptyShare { get; set; }
    public long? PeakRssKb { get; set; }
    public List<string> Notes { get; } = [];

    public ScenarioStats? Find(string name, int clients) => Scenarios.FirstOrDefault(s => s.Name == name && s.Clients == clients);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Load").AppendLine();
        sb.AppendLine(ScenarioStats.Header);
        foreach (var s in Scenarios) sb.AppendLine(s.Row);
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Direct-SQL searches returned {SearchMeanRows:0.0} rows on average ({SearchEmptyShare:P0} empty); the service answers at most 50 per page."));
        sb.AppendLine();
        foreach (var note in Notes) sb.AppendLine(note).AppendLine();
        sb.AppendLine("### Search: service against its floors").AppendLine();
        sb.AppendLine("| clients | search p50 / SQL p50 | search p99 / SQL p99 | search p99 − SQL p99 (ms) | /health/live p99 (ms) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var http in Scenarios.Where(s => s.Name == Names.Search))
        {
            var sql = Find(Names.SearchSql, http.Clients);
            var live = Find(Names.Live, http.Clients);
            if (sql is null) continue;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {http.Clients} | {http.Percentile(50) / sql.Percentile(50):0.00}x | {http.Percentile(99) / sql.Percentile(99):0.00}x | {http.Percentile(99) - sql.Percentile(99):0.00} | {live?.Percentile(99):0.00} |"));
        }
        sb.AppendLine();
        if (Contention is { } c)
        {
            sb.AppendLine("### Contention").AppendLine();
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Attempts:N0} booking attempts by 64 clients on {c.Slots} slots: {c.Winners:N0} winners (201), {c.Conflicts:N0} × 409, {c.OtherClientErrors:N0} other 4xx, {c.ServerErrors:N0} × 5xx, {c.Failures:N0} failed requests. "));
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"In the database afterwards: {c.ActiveBookingsInDatabase:N0} active bookings on those slots, {c.SlotsWithTwoActiveBookings} slots with two."));
            sb.AppendLine();
        }
        if (PeakRssKb is { } kb) sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Service peak resident memory (VmRSS) during the load: {kb / 1024.0:0} MB.")).AppendLine();
        sb.AppendLine(Targets());
        return sb.ToString();
    }

    private string Targets()
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Targets (load)").AppendLine();
        sb.AppendLine("| target | measured | met |");
        sb.AppendLine("|---|---:|---|");
        if (Find(Names.Search, 16) is { } s16)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| search p99 ≤ 20 ms at 16 clients | {s16.Percentile(99):0.00} ms | {Met(s16.Percentile(99) <= 20)} |"));
            if (Find(Names.SearchSql, 16) is { } q16)
            {
                var ratio = s16.Percentile(99) / q16.Percentile(99);
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| search p99 within 1.5x of direct SQL at 16 clients | {ratio:0.00}x | {Met(ratio <= 1.5)} |"));
            }
        }
        foreach (var page in new[] { PagesBench.GpWeek, PagesBench.SearchPage })
        {
            if (Find(page, 16) is not { } p16) continue;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {page.Split(" (")[0]} page p50 ≤ 10 ms and p99 ≤ 30 ms at 16 clients, every answer checked | {p16.Percentile(50):0.00} / {p16.Percentile(99):0.00} ms, {p16.Requests - p16.Ok:N0} not ok | {Met(p16.Percentile(50) <= 10 && p16.Percentile(99) <= 30 && p16.Ok == p16.Requests)} |"));
        }
        if (Scenarios.FirstOrDefault(s => s.Name == Names.Book) is { } book)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| ≥ 1,000 successful bookings/s ({book.Clients} clients) | {book.OkPerSecond:N0}/s | {Met(book.OkPerSecond >= 1000)} |"));
        if (Contention is { } c)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| contention: no 5xx, at most one winner per slot | {c.ServerErrors} × 5xx, {c.Winners} winners / {c.Slots} slots | {Met(c.ServerErrors == 0 && c.Failures == 0 && c.Winners <= c.Slots && c.SlotsWithTwoActiveBookings == 0 && c.ActiveBookingsInDatabase == c.Winners)} |"));
        if (PeakRssKb is { } kb)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| memory ≤ 300 MB under load | {kb / 1024.0:0} MB | {Met(kb / 1024.0 <= 300)} |"));
        return sb.ToString();
    }

    internal static string Met(bool met) => met ? "yes" : "**no**";
}

public static class Names
{
    public const string Live = "GET /health/live (web floor)";
    public const string Search = "GET /api/availability (search)";
    public const string SearchSql = "search SQL via Npgsql (database floor)";
    public const string Book = "POST /api/bookings, distinct slots";
    public const string BookSql = "UPDATE slots + INSERT bookings via Npgsql (floor)";
    public const string Contended = "POST /api/bookings, 100 contended slots";
}

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
