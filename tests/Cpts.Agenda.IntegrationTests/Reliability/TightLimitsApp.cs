namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class TightLimitsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:RateLimits:Enabled"] = "true",
        ["Agenda:RateLimits:SearchPerTokenPerMinute"] = "3",
        ["Agenda:RateLimits:SearchPerIpPerMinute"] = "6",
        ["Agenda:RateLimits:BookingPerTokenPerMinute"] = "2",
        ["Agenda:RateLimits:BookingPerIpPerMinute"] = "100",
        ["Agenda:RateLimits:FeedPerTokenPerMinute"] = "2",
    };
}
