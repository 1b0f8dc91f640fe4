namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>Rate limits off (thousands of requests from one address), and a fixed clock: the same run every time.</summary>
public sealed class FuzzApp : AgendaApp
{
    protected override DateTimeOffset StartTime => new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Agenda:RateLimits:Enabled"] = "false" };
}
