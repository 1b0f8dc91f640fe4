using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Cpts.Agenda.Bench;

public enum Outcome { Ok, Conflict, ClientError, ServerError, Failed, Exhausted }

/// <summary>What one scenario measured: every latency sample is kept (exact percentiles, no histogram error).</summary>
public sealed class ScenarioStats
{
    public required string Name { get; init; }
    public required int Clients { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required double[] LatenciesMs { get; init; } // sorted ascending
    public long Ok { get; init; }
    public long Conflicts { get; init; }
    public long ClientErrors { get; init; }
    public long ServerErrors { get; init; }
    public long Failures { get; init; }
    public string Note { get; set; } = "";
    /// <summary>Milliseconds of CPU per request of the service and of PostgreSQL during the measured phase (null: not measured).</summary>
    public double? ServiceCpuMs { get; init; }
    public double? DatabaseCpuMs { get; init; }

    public long Requests => LatenciesMs.Length;
    public double RequestsPerSecond => Requests / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double OkPerSecond => Ok / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double Percentile(double q)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(q / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }

    private static string Cpu(double? ms) => ms is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1];

    public static string Header =>
        "| scenario | clients | requests | req/s | ok/s | p50 ms | p90 ms | p99 ms | max ms | service CPU ms/req | PostgreSQL CPU ms/req | 409 | other 4xx | 5xx | failed | note |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Clients} | {Requests:N0} | {RequestsPerSecond:N0} | {OkPerSecond:N0} | {Percentile(50):0.00} | {Percentile(90):0.00} | {Percentile(99):0.00} | {Max:0.0} | {Cpu(ServiceCpuMs)} | {Cpu(DatabaseCpuMs)} | {Conflicts:N0} | {ClientErrors:N0} | {ServerErrors:N0} | {Failures:N0} | {Note} |");
}

/// <summary>N concurrent workers calling one operation for a duration (or until it runs out), after a warm-up that is not recorded.</summary>
public static class LoadRunner
{
    public static async Task<ScenarioStats> RunAsync(string name, int clients, TimeSpan duration, TimeSpan warmUp,
        Func<int, CancellationToken, Task<Outcome>> operation, long maxOperations = long.MaxValue, CpuMeters? cpu = null)
    {
        if (warmUp > TimeSpan.Zero) await RunPhaseAsync(clients, warmUp, operation, long.MaxValue, record: false);
        var before = cpu?.Read();
        var (samples, counts, elapsed) = await RunPhaseAsync(clients, duration, operation, maxOperations, record: true);
        var (serviceCpu, databaseCpu) = before is { } b ? b.PerRequest(cpu!.Read(), samples.Sum(x => (long)x.Count)) : (null, null);
        var all = samples.SelectMany(s => s).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(all);
        return new ScenarioStats
        {
            Name = name, Clients = clients, Elapsed = elapsed, LatenciesMs = all,
            Ok = counts[(int)Outcome.Ok], Conflicts = counts[(int)Outcome.Conflict], ClientErrors = counts[(int)Outcome.ClientError],
            ServerErrors = counts[(int)Outcome.ServerError], Failures = counts[(int)Outcome.Failed],
            ServiceCpuMs = serviceCpu, DatabaseCpuMs = databaseCpu,
        };
    }

    private static async Task<(List<long>[] Samples, long[] Counts, TimeSpan Elapsed)> RunPhaseAsync(int clients, TimeSpan duration,
        Func<int, CancellationToken, Task<Outcome>> operation, long maxOperations, bool record)
    {
        var samples = Enumerable.Range(0, clients).Select(_ => new List<long>(4096)).ToArray();
        var counts = new long[Enum.GetValues<Outcome>().Length];
        long started = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            // Every client makes at least one request: on a loaded machine a worker may only get a thread after
            // a short phase is already over, and a phase with no request would measure nothing.
            for (var first = true; (first || !stop.IsCancellationRequested) && Interlocked.Increment(ref started) <= maxOperations; first = false)
            {
                var t0 = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    // The operation runs to completion even past the deadline, so no request is cut off mid-flight.
                    outcome = await operation(w, CancellationToken.None);
                }
                catch (Exception e) when (e is HttpRequestException or NpgsqlException or TaskCanceledException or SocketException or IOException or TimeoutException)
                {
                    outcome = Outcome.Failed;
                }
                if (outcome == Outcome.Exhausted) break;
                if (!record) continue;
                samples[w].Add(Stopwatch.GetTimestamp() - t0);
                Interlocked.Increment(ref counts[(int)outcome]);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        return (samples, counts, clock.Elapsed);
    }

    public static Outcome Classify(int status) => status switch
    {
        >= 200 and < 300 => Outcome.Ok,
        409 => Outcome.Conflict,
        >= 400 and < 500 => Outcome.ClientError,
        _ => Outcome.ServerError,
    };

    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        if (text.EndsWith("ms", StringComparison.Ordinal)) return TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture));
        if (text.EndsWith('s')) return TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture));
        if (text.EndsWith('m')) return TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
    }
}

/// <summary>Peak resident memory of a process, read from /proc/&lt;pid&gt;/status while the load runs.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (ReadRssKb(_pid) is { } kb)
                {
                    PeakKb = Math.Max(PeakKb, kb);
                    LastKb = kb;
                }
                try
                {
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public long PeakKb { get; private set; }
    public long LastKb { get; private set; }

    public static long? ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
