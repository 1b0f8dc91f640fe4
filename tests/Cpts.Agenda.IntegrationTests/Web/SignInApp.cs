namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>The service configured with Pro Santé Connect and a staff provider, both the stand-in provider.</summary>
public sealed class SignInApp : AgendaApp, IAsyncLifetime
{
    public StandInProvider Provider { get; } = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Provider.InitializeAsync(); // first: the service reads its address from the settings
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Provider.DisposeAsync();
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:ProSanteConnect:Authority"] = Provider.Issuer,
        ["Auth:ProSanteConnect:ClientId"] = StandInProvider.ClientId,
        ["Auth:ProSanteConnect:ClientSecret"] = StandInProvider.ClientSecret,
        ["Auth:ProSanteConnect:RequireHttpsMetadata"] = "false",
        ["Auth:Staff:Authority"] = Provider.Issuer,
        ["Auth:Staff:ClientId"] = StandInProvider.ClientId,
        ["Auth:Staff:ClientSecret"] = StandInProvider.ClientSecret,
        ["Auth:Staff:RequireHttpsMetadata"] = "false",
        ["Auth:Staff:DisplayName"] = "Compte Keycloak de la CPTS",
        ["Auth:Contact"] = "Mme Coordinatrice (coordination@cpts.invalid)",
    };
}
