namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>Outside Development the document is served only when Agenda:OpenApi:Enabled says so, and the reference page never.</summary>
public sealed class PublishedContractApp : ProductionApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Agenda:OpenApi:Enabled"] = "true" };
}
