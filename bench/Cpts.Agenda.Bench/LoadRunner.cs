using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Cpts.Agenda.Bench;

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
