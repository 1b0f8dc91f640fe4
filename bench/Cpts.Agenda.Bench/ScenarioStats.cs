using System.Globalization;

namespace Cpts.Agenda.Bench;

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
