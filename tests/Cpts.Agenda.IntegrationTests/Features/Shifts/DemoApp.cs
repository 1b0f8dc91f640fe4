namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

/// <summary>The service with its demo CPTS seeded at start-up.</summary>
public sealed class DemoApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Agenda:DemoData"] = "true" };
}
