namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>Outside Development: no dev-token route, tokens come from the configured authority.</summary>
public class ProductionApp : AgendaApp
{
    protected override string Environment => "Production";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Authority"] = "https://auth.example.invalid/realms/cpts",
        ["Auth:Audience"] = "cpts-agenda",
        ["Agenda:PublicBaseUrl"] = "https://agenda.cpts-test.fr",
    };
}
