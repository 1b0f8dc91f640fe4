namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>
/// The shipped limits. A SAS call centre: 30 regulators behind one NAT (one address), each searching at a
/// sustained pace of one search a second. The service's clock stands still, so all of it falls in one window.
/// </summary>
public sealed class ShippedLimitsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Agenda:RateLimits:Enabled"] = "true" };
}
