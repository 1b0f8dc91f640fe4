namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>What the coordinator's page tests share: her signed-in browser and her pages.</summary>
public static class CoordinatorPages
{
    public static Task<PageClient> CoordinatorAsync(this AgendaApp app, string name = "Coordinatrice Test") =>
        app.SignedInAsync(Roles.Coordinator, name);

    /// <summary>The coordinator's pages, each closed to a nurse (the denied page) like the API behind them.</summary>
    public static readonly string[] Paths =
    [
        "/coordination/praticiens", "/coordination/import", "/coordination/sites", "/coordination/membres",
        "/coordination/gardes", "/coordination/indicateurs", "/coordination/journal", "/coordination/notifications",
    ];
}
