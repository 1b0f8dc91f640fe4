using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cpts.Agenda.Bench;

/// <summary>
/// Starts the built service (dotnet Cpts.Agenda.Api.dll) and times process start → GET /health/ready = 200.
/// The service runs as in the load run: Development (for the development token key), no demo data.
/// </summary>
public static class StartupProbe
{
    public static async Task<StartupRun> MeasureAsync(string dll, string connectionString, string label, TextWriter log, CancellationToken ct = default)
    {
        var port = Cpts.Agenda.Api.Infrastructure.LocalPostgres.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", $"\"{Path.GetFullPath(dll)}\" --urls {url}")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Agenda"] = connectionString;
        info.Environment["Agenda__DemoData"] = "false";

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = TimeSpan.FromSeconds(120);
            while (clock.Elapsed < deadline)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"The service exited with {process.ExitCode} before it was ready:\n{output}");
                try
                {
                    using var response = await http.GetAsync("/health/ready", ct);
                    if ((int)response.StatusCode == 200) break;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    // slow first answer
                }
                await Task.Delay(20, ct);
            }
            var elapsed = clock.Elapsed;
            if (elapsed >= deadline) throw new TimeoutException($"The service was not ready after {deadline.TotalSeconds} s:\n{output}");
            var rss = MemorySampler.ReadRssKb(process.Id) ?? 0;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup: {label}: ready in {elapsed.TotalMilliseconds:0} ms, VmRSS {rss / 1024.0:0} MB"));
            return new StartupRun(label, elapsed, rss);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    public static string ToMarkdown(IReadOnlyList<StartupRun> runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Start-up").AppendLine();
        sb.AppendLine("| database | runs | to /health/ready (ms, each run) | median ms | VmRSS at ready (MB) | start-up ≤ 3 s |");
        sb.AppendLine("|---|---:|---|---:|---:|---|");
        foreach (var g in runs.GroupBy(r => r.Database))
        {
            var ms = g.Select(r => r.ToReady.TotalMilliseconds).ToList();
            var sorted = ms.Order().ToList();
            var median = sorted[sorted.Count / 2];
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Key} | {ms.Count} | {string.Join(", ", ms.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} | {median:0} | {g.Max(r => r.RssKbAtReady) / 1024.0:0} | {LoadReport.Met(median <= 3000)} |"));
        }
        return sb.ToString();
    }
}
