namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Agenda:OpenApi — whether the OpenAPI document is served (docs/OPENAPI.md).</summary>
public sealed class ApiDocumentOptions
{
    public const string Section = "Agenda:OpenApi";

    /// <summary>Serve /openapi/v1.json; when not set, only in Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Whether /openapi/v1.json is served: Enabled, by default only in Development.</summary>
    public bool IsServed(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
