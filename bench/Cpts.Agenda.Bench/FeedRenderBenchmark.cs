using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cpts.Agenda.Api.Features.Calendars;

namespace Cpts.Agenda.Bench;

/// <summary>In process: rendering a 5,000-event feed (latency and bytes allocated), BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class FeedRenderBenchmark
{
    private FeedItem[] _items = [];

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);
        _items = Enumerable.Range(0, 5000).Select(i => new FeedItem
        {
            Uid = $"slot-{Guid.NewGuid()}@cpts-agenda",
            Start = start.AddMinutes(20 * i), End = start.AddMinutes(20 * i + 20),
            Summary = i % 3 == 0 ? "SNP – réservé (SAS)" : "SNP – libre",
            Location = "Cabinet médical du Centre, Vesoul",
            Sequence = i % 4, Changed = start.AddDays(-1), Cancelled = i % 50 == 0,
        }).ToArray();
    }

    [Benchmark(Description = "render 5,000 events")]
    public byte[] Render() => FeedRenderer.Render("Dr Bench – Cpts.Agenda", _items);

    public static void Run(string artifacts) =>
        BenchmarkRunner.Run<FeedRenderBenchmark>(DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)) // no separate build: runs inside the bench console
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator));
}
