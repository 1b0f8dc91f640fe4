using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Slots;

namespace Cpts.Agenda.Api.Infrastructure;

public static class Features
{
    /// <summary>Options and services of the features (their handlers are registered by Mediator's generator).</summary>
    public static WebApplicationBuilder AddAgendaFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AgendaOptions>(builder.Configuration.GetSection("Agenda"));
        builder.Services.AddScoped<Idempotency.ReplayMarker>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        return builder;
    }

    /// <summary>Where the service listens and, in Development, how to get a token.</summary>
    public static void PrintStartupHelp(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
            Console.WriteLine($"Cpts.Agenda listening on {string.Join(", ", app.Urls)}  (OpenAPI: {url}/openapi/v1.json)");
            if (app.Environment.IsDevelopment())
            {
                Console.WriteLine($"Dev token: curl -s -X POST {url}/auth/dev-token -H 'Content-Type: application/json' -d '{{\"role\":\"regulator\"}}'");
                Console.WriteLine("  roles: coordinator, practitioner (with \"practitionerId\"), nurse, regulator, secretary, sas");
            }
        });
    }
}
