using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// <c>Agenda:PublicBaseUrl</c>: the service's public URL. Feed, booking and FHIR URLs are built from it, never from
/// the request's Host. Required outside Development, an absolute http(s) URL without query or fragment (checked at
/// start-up). Each use of it is a method here, with the fallback that use has when it is not set (Development only).
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Agenda";
    public const string Key = "Agenda:PublicBaseUrl";

    /// <summary>Where the service says it is to the SAS in Development when <c>Agenda:PublicBaseUrl</c> is not set.</summary>
    public const string DevelopmentSasBaseUrl = "http://localhost:5080";

    /// <summary>Agenda:PublicBaseUrl as configured; null when not set.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Agenda:Calendars, of which only PublicBaseUrl is read here: the OpenAPI document's server when
    /// Agenda:PublicBaseUrl is not set. The calendars feature reads its own settings (CalendarOptions).
    /// </summary>
    public CalendarsSection Calendars { get; set; } = new();

    /// <summary>
    /// The base of the URLs handed out on a request (feeds, booking links), without its trailing slash:
    /// Agenda:PublicBaseUrl; in Development without it, the request's own scheme and host, so a local run works out of the box.
    /// </summary>
    public string ForRequest(HttpRequest request, IHostEnvironment environment) =>
        (PublicBaseUrl is { Length: > 0 } url ? url
            : environment.IsDevelopment() ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : throw new InvalidOperationException($"{Key} is not set.")).TrimEnd('/');

    /// <summary>
    /// The URL the SAS and aggregators see (FHIR fullUrls and identifiers, booking links, manifests), without its
    /// trailing slash: Agenda:PublicBaseUrl; in Development without it, http://localhost:5080.
    /// </summary>
    public string ForSas() => (PublicBaseUrl is { Length: > 0 } url ? url : DevelopmentSasBaseUrl).TrimEnd('/');

    /// <summary>The server the OpenAPI document names: Agenda:PublicBaseUrl, else Agenda:Calendars:PublicBaseUrl, else none.</summary>
    public string? DocumentServer() => (PublicBaseUrl ?? Calendars.PublicBaseUrl) is { Length: > 0 } url ? url : null;

    /// <summary>Agenda:Calendars:PublicBaseUrl.</summary>
    public sealed class CalendarsSection
    {
        public string? PublicBaseUrl { get; set; }
    }

    /// <summary>One line per broken setting, naming the key.</summary>
    public sealed class Validator(IHostEnvironment environment) : IValidateOptions<PublicUrlOptions>
    {
        public ValidateOptionsResult Validate(string? name, PublicUrlOptions o)
        {
            if (string.IsNullOrWhiteSpace(o.PublicBaseUrl))
                return environment.IsDevelopment() ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail($"{Key} is not set: outside Development feed and booking URLs are built from it (https://agenda.example.org).");
            return IsBaseUrl(o.PublicBaseUrl) ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Key} must be an absolute http(s) URL without query or fragment (https://agenda.example.org).");
        }

        private static bool IsBaseUrl(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
    }
}
