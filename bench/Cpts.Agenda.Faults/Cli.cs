using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Cpts.Agenda.Faults;

public static class Cli
{
    private sealed record Acked(string Key, Guid SlotId, Guid BookingId);

    public static async Task<int> RunAsync(string[] args)
    {
        var opts = Options(args);
        Database.ConfigureDapper();
        return args.FirstOrDefault() switch
        {
            "seed" => await Seed(opts["connection"], int.Parse(opts.GetValueOrDefault("slots", "3000"), CultureInfo.InvariantCulture)),
            "storm" => await Storm(opts),
            "verify" => await Verify(opts["connection"], opts["url"], opts["acked"]),
            "sink" => await Sink(int.Parse(opts["port"], CultureInfo.InvariantCulture), opts["out"], double.Parse(opts.GetValueOrDefault("seconds", "120"), CultureInfo.InvariantCulture)),
            "notified" => await Notified(opts["connection"], opts["acked"], opts["sink-log"], double.Parse(opts.GetValueOrDefault("wait", "120"), CultureInfo.InvariantCulture),
                opts.TryGetValue("since", out var since) ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(since, CultureInfo.InvariantCulture)) : null),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: seed|storm|verify --connection CS [--url U] ... (see Program.cs)");
        return 2;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
        return d;
    }

    /// <summary>One practitioner per 20 slots, 20-minute SAS teleconsultation slots from tomorrow on.</summary>
    private static async Task<int> Seed(string cs, int slots)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, 6, 0, 0, TimeSpan.Zero).AddDays(1);
        var perPractitioner = 20;
        for (var p = 0; p * perPractitioner < slots; p++)
        {
            var id = Guid.NewGuid();
            var firstTen = "9" + Random.Shared.NextInt64(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture);
            await c.ExecuteAsync("""
                INSERT INTO practitioners (id, rpps, first_name, last_name, profession, phone, created_at)
                VALUES (@id, @rpps, 'Storm', 'Faults', 'generalist', '+33600000000', now()) ON CONFLICT DO NOTHING
                """, new { id, rpps = firstTen + Rpps.CheckDigit(firstTen) });
            await c.ExecuteAsync("""
                INSERT INTO slots (id, practitioner_id, profession, starts_at, ends_at, mode, visibility, created_at, updated_at)
                SELECT gen_random_uuid(), @id, 'generalist', @start + i * interval '20 minutes', @start + (i + 1) * interval '20 minutes',
                       'teleconsultation', 'sas', now(), now()
                FROM generate_series(0, @n - 1) AS i
                """, new { id, start, n = Math.Min(perPractitioner, slots - p * perPractitioner) });
        }
        Console.WriteLine($"seeded {slots} free slots");
        return 0;
    }

    private static object Body(Guid slotId) => new
    {
        slotId,
        patient = new { firstName = "Storm", lastName = "Patient", birthDate = "1970-01-01", hasRegularDoctor = true },
        channel = "sas",
    };

    private static HttpClient Client(string url)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Auth.Issue(config, Roles.Regulator, null, "fault-storm"));
        return client;
    }

    /// <summary>
    /// Books random free slots with a fresh Idempotency-Key each; every 201 is appended (and flushed)
    /// to the acked file before the next request, so a client-acknowledged booking is never forgotten.
    /// Connection errors (the service killed) are counted and retried with the same key and body.
    /// </summary>
    private static async Task<int> Storm(Dictionary<string, string> o)
    {
        var urls = o["url"].Split(',');
        var seconds = double.Parse(o.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture);
        var clients = int.Parse(o.GetValueOrDefault("clients", "32"), CultureInfo.InvariantCulture);
        var pool = int.Parse(o.GetValueOrDefault("slots", "20000"), CultureInfo.InvariantCulture); // the free slots this storm may book
        var rate = double.Parse(o.GetValueOrDefault("rate", "0"), CultureInfo.InvariantCulture); // bookings a second at most, all clients together (0: as fast as answered)
        await using var db = NpgsqlDataSource.Create(o["connection"]);
        List<Guid> free;
        await using (var c = await db.OpenConnectionAsync())
            free = (await c.QueryAsync<Guid>("SELECT id FROM slots WHERE status = 'free' AND starts_at > now() ORDER BY random() LIMIT @pool", new { pool })).ToList();
        var queue = new ConcurrentQueue<Guid>(free);
        var statuses = new ConcurrentDictionary<string, int>();
        var maxLatency = new ConcurrentDictionary<string, double>();
        await using var acked = new StreamWriter(o["acked"], append: true) { AutoFlush = true };
        var ackLock = new SemaphoreSlim(1, 1);
        if (o.TryGetValue("ready-file", out var readyFile)) await File.WriteAllTextAsync(readyFile, "ready"); // the fault clock starts now
        var stop = Stopwatch.StartNew();
        double? emptyAt = null; // when the pool ran out before the time was up

        async Task Worker(int n)
        {
            using var http = Client(urls[n % urls.Length]);
            var paced = Stopwatch.StartNew(); var started = 0;
            while (stop.Elapsed.TotalSeconds < seconds && queue.TryDequeue(out var slotId))
            {
                if (rate > 0) // each client keeps to its share of the rate
                {
                    var due = TimeSpan.FromSeconds(started++ * clients / rate) - paced.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                }
                var key = Guid.NewGuid().ToString();
                while (stop.Elapsed.TotalSeconds < seconds + 60)
                {
                    var t = Stopwatch.StartNew();
                    string outcome;
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(Body(slotId)) };
                        request.Headers.Add("Idempotency-Key", key);
                        using var response = await http.SendAsync(request);
                        outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        if (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                            outcome += " (not problem+json)";
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                            await ackLock.WaitAsync();
                            try { await acked.WriteLineAsync(JsonSerializer.Serialize(new Acked(key, slotId, id))); }
                            finally { ackLock.Release(); }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        outcome = "connection-error";
                    }
                    statuses.AddOrUpdate(outcome, 1, (_, v) => v + 1);
                    maxLatency.AddOrUpdate(outcome, t.Elapsed.TotalMilliseconds, (_, v) => Math.Max(v, t.Elapsed.TotalMilliseconds));
                    if (outcome is "201" or "409" or "404" or "422") break;
                    await Task.Delay(200); // the service or its database is away: same key, same body, again
                }
            }
            if (stop.Elapsed.TotalSeconds < seconds) emptyAt ??= stop.Elapsed.TotalSeconds;
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(Worker));
        foreach (var (status, count) in statuses.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Console.WriteLine($"{o.GetValueOrDefault("tag", "storm")}: {status} × {count}, slowest {maxLatency[status]:0} ms");
        if (emptyAt is { } at) // every slot of the pool taken: the storm stopped booking before its time was up
            Console.WriteLine($"{o.GetValueOrDefault("tag", "storm")}: all {free.Count} slots of its pool taken {at:0} s after the start (of {seconds:0} s)");
        return 0;
    }

    /// <summary>The invariant checker, every acknowledged booking exactly once, and replays answering the original.</summary>
    private static async Task<int> Verify(string cs, string url, string ackedFile)
    {
        var acked = File.ReadAllLines(ackedFile).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Acked>(l)!).ToList();
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        var checker = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "checks", "invariants.sql"));
        var violations = (await c.QueryAsync<(string Violation, string Detail)>(checker)).ToList();
        var ids = acked.Select(a => a.BookingId).ToArray();
        var found = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM bookings WHERE id = ANY(@ids)", new { ids });
        var duplicates = await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE slot_id = ANY(@slots) AND status = 'active' GROUP BY slot_id HAVING count(*) > 1) d",
            new { slots = acked.Select(a => a.SlotId).ToArray() });

        using var http = Client(url);
        var replayed = 0;
        var mismatched = 0;
        await Parallel.ForEachAsync(acked, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (a, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(Body(a.SlotId)) };
            request.Headers.Add("Idempotency-Key", a.Key);
            using var response = await http.SendAsync(request, ct);
            var same = response.StatusCode == HttpStatusCode.Created &&
                (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid() == a.BookingId;
            if (same) Interlocked.Increment(ref replayed);
            else Interlocked.Increment(ref mismatched);
        });
        Console.WriteLine($"acknowledged bookings: {acked.Count}, found in the database: {found}, slots with two active bookings: {duplicates}");
        Console.WriteLine($"replays with the same Idempotency-Key answering the original: {replayed}/{acked.Count} (mismatched {mismatched})");
        Console.WriteLine($"invariant violations: {violations.Count}");
        foreach (var v in violations.Take(10)) Console.WriteLine($"  {v.Violation}: {v.Detail}");
        // A storm that acknowledged nothing proves nothing (no free slot left, the service never up): a failure.
        if (acked.Count == 0) Console.WriteLine("no booking was acknowledged: nothing was tested");
        var ok = acked.Count > 0 && violations.Count == 0 && found == acked.Count && duplicates == 0 && mismatched == 0;
        Console.WriteLine(ok ? "VERIFY OK" : "VERIFY FAILED");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// A stand-in SMS provider on loopback: answers 200 and appends each request's Idempotency-Key to a
    /// file, so the run can tell how many distinct notifications reached the provider and how often.
    /// </summary>
    private static async Task<int> Sink(int port, string outFile, double seconds)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        await using var log = new StreamWriter(outFile, append: true) { AutoFlush = true };
        var stop = Stopwatch.StartNew();
        Task<HttpListenerContext>? next = null;
        while (stop.Elapsed.TotalSeconds < seconds)
        {
            // One pending accept at a time: a request accepted by an abandoned task would never be answered.
            next ??= listener.GetContextAsync();
            if (await Task.WhenAny(next, Task.Delay(1000)) != next) continue;
            var context = await next;
            next = null;
            await log.WriteLineAsync(context.Request.Headers["Idempotency-Key"] ?? "-");
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
        return 0;
    }

    /// <summary>
    /// After the fault: every acknowledged booking's notice is sent, once, and reached the provider under one key,
    /// waiting at most waitSeconds; with since (the last restart, Unix seconds), when the last of them was sent.
    /// </summary>
    private static async Task<int> Notified(string cs, string ackedFile, string sinkLog, double waitSeconds, DateTimeOffset? since)
    {
        var ids = File.ReadAllLines(ackedFile).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Acked>(l)!.BookingId).ToArray();
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        var waited = Stopwatch.StartNew();
        (long Sent, long Other) state = default;
        do
        {
            state = await c.QuerySingleAsync<(long, long)>("""
                SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status <> 'sent')
                FROM notifications WHERE kind = 'booking-notice' AND subject_id = ANY(@ids)
                """, new { ids });
            if (state.Sent == ids.Length) break;
            await Task.Delay(1000);
        } while (waited.Elapsed.TotalSeconds < waitSeconds);
        var notificationIds = (await c.QueryAsync<Guid>("SELECT id FROM notifications WHERE kind = 'booking-notice' AND subject_id = ANY(@ids)", new { ids }))
            .Select(g => g.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var received = File.Exists(sinkLog) ? File.ReadAllLines(sinkLog).Where(notificationIds.Contains).ToList() : [];
        var distinct = received.Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var repeated = received.Count - distinct;
        Console.WriteLine($"booking notices: {ids.Length} acknowledged bookings, {state.Sent} notices sent, {state.Other} not sent, after {waited.Elapsed.TotalSeconds:0} s");
        Console.WriteLine($"provider received {distinct} distinct notices ({repeated} repeated deliveries under the same Idempotency-Key, which the provider drops)");
        var twice = await c.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (SELECT subject_id, recipient FROM notifications WHERE kind = 'booking-notice' AND subject_id = ANY(@ids)
                                  GROUP BY 1, 2 HAVING count(*) > 1) d
            """, new { ids });
        if (twice > 0) Console.WriteLine($"bookings with the same notice planned twice: {twice}");
        TimeSpan? lastAfterRestart = null;
        if (since is { } restart && state.Sent > 0)
        {
            var last = await c.ExecuteScalarAsync<DateTimeOffset>("SELECT max(sent_at) FROM notifications WHERE kind = 'booking-notice' AND subject_id = ANY(@ids)", new { ids });
            lastAfterRestart = last - restart;
            Console.WriteLine($"last notice sent {lastAfterRestart.Value.TotalSeconds:0} s after the last restart");
        }
        // The bound holds from the last restart, however late the check began (--since is whole seconds, so 1 s of grace).
        var ok = ids.Length > 0 && state.Sent == ids.Length && distinct == ids.Length && twice == 0
                 && !(lastAfterRestart > TimeSpan.FromSeconds(121));
        if (lastAfterRestart > TimeSpan.FromSeconds(121)) Console.WriteLine("the last notice was sent more than 2 minutes after the last restart");
        if (!ok)
        {
            var rows = await c.QueryAsync<(string Status, int Attempts, string? LastError, long N)>("""
                SELECT status, attempts, last_error, count(*) FROM notifications
                WHERE kind = 'booking-notice' AND subject_id = ANY(@ids) GROUP BY 1, 2, 3 ORDER BY 4 DESC
                """, new { ids });
            foreach (var r in rows) Console.WriteLine($"  {r.N} × {r.Status}, attempts {r.Attempts}, last error {r.LastError ?? "none"}");
        }
        Console.WriteLine(ok ? "NOTIFIED OK" : "NOTIFIED FAILED");
        return ok ? 0 : 1;
    }
}
