using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>
/// Production settings, with tokens signed by the development key so that the test can call the API
/// (the configured authority is not reachable from a test).
/// </summary>
public sealed class ProductionHardeningApp : AgendaApp
{
    public const string PublicBaseUrl = "https://agenda.cpts-test.fr";

    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Authority"] = "https://auth.example.invalid/realms/cpts",
        ["Auth:Audience"] = "cpts-agenda",
        ["Agenda:PublicBaseUrl"] = PublicBaseUrl,
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.ConfigurationManager = null;
            o.TokenValidationParameters.ValidIssuer = Auth.DevIssuer;
            o.TokenValidationParameters.ValidAudience = Auth.DevAudience;
            o.TokenValidationParameters.IssuerSigningKey = Auth.DevKey(Configuration);
        });
}
