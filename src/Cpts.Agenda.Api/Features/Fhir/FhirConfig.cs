namespace Cpts.Agenda.Api.Features.Fhir;

public static class FhirConfig
{
    /// <summary>Agenda:PublicBaseUrl without its trailing slash; the URL the SAS and aggregators see.</summary>
    public static string PublicBaseUrl(IConfiguration config) =>
        (config["Agenda:PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');
}
