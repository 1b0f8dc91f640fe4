using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>JSON, clock, the Agenda settings, OpenAPI, health checks: the cross-cutting pieces every feature relies on.</summary>
public static class Platform
{
    public static WebApplicationBuilder AddAgendaPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // Null properties are written, never left out: the OpenAPI document declares them required and nullable.
            o.SerializerOptions.Converters.Add(new ParisInstantConverter());
            o.SerializerOptions.Converters.Add(new DateConverter());
        });
        builder.Services.AddSingleton(TimeProvider.System);
        // Read by slots and calendars alike: bound here rather than by one of them.
        builder.Services.Configure<AgendaOptions>(builder.Configuration.GetSection(AgendaOptions.Section));
        // Set by an Idempotency-Key replay, read by the audit trail (a replay is audited as {kind}.replay).
        builder.Services.AddScoped<Idempotency.ReplayMarker>();
        builder.Services.AddMediator((Mediator.MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            // The side effects of a use case, whichever door sends it (API, page, job, test): each runs
            // after the handler and acts only on requests that declare it (docs/DECISIONS.md).
            o.PipelineBehaviors = [typeof(AuditBehaviour<,>), typeof(PlanNotificationsBehaviour<,>)];
        });
        builder.AddAgendaOpenApi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapAgendaPlatform(this WebApplication app)
    {
        app.MapAgendaOpenApi();
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", (HttpContext http) => Probe(http, HealthStatus.Healthy))
            .WithSummary("Liveness: the process answers (no dependency is checked).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        health.MapGet("/ready", async (HealthCheckService checks, HttpContext http, CancellationToken ct) =>
                Probe(http, (await checks.CheckHealthAsync(c => c.Tags.Contains("ready"), ct)).Status))
            .WithSummary("Readiness: the database answers. 503 while it does not.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }

    /// <summary>"Healthy" as text, or 503 problem details; never cached.</summary>
    private static IResult Probe(HttpContext http, HealthStatus status)
    {
        http.Response.Headers.CacheControl = "no-store, no-cache";
        return status == HealthStatus.Unhealthy
            ? TypedResults.Problem("A dependency of the service (the database) is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready")
            : TypedResults.Text(status.ToString(), "text/plain");
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

    /// <summary>
    /// The options checked at start-up (ValidateOnStart: shift templates, …) are checked now, before the database is
    /// touched or anything is started, so a bad configuration stops the start with its own message and nothing else.
    /// </summary>
    public static void ValidateAgendaOptions(this WebApplication app) => app.Services.GetService<IStartupValidator>()?.Validate();
}
