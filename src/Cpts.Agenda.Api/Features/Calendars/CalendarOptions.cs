using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Settings under Agenda:Calendars.</summary>
public sealed class CalendarOptions
{
    /// <summary>Allow fetching calendars from loopback, private, link-local and unique-local addresses (tests, closed networks).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Largest calendar fetched from a URL.</summary>
    public long MaxFetchBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Longest wait for a calendar URL, connection and body included.</summary>
    public int FetchTimeoutSeconds { get; set; } = 10;

    /// <summary>How often a URL calendar is fetched again.</summary>
    public int RefreshMinutes { get; set; } = 15;

    /// <summary>Base of feed URLs when it differs from Agenda:PublicBaseUrl; absent: Agenda:PublicBaseUrl (in Development without it, the request's scheme and host).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a cancelled or withdrawn item stays in feeds (STATUS:CANCELLED) so clients remove it.</summary>
    public int CancelledRetentionDays { get; set; } = 30;

    /// <summary>The limits checked at start-up, one line per broken setting.</summary>
    public sealed class Validator : IValidateOptions<CalendarOptions>
    {
        public ValidateOptionsResult Validate(string? name, CalendarOptions o)
        {
            var failures = new List<string>();
            if (o.MaxFetchBytes is < 1024 or > 100 * 1024 * 1024) failures.Add("Agenda:Calendars:MaxFetchBytes must be between 1024 and 104857600 (100 MB).");
            if (o.FetchTimeoutSeconds is < 1 or > 300) failures.Add("Agenda:Calendars:FetchTimeoutSeconds must be between 1 and 300.");
            if (o.RefreshMinutes is < 1 or > 10080) failures.Add("Agenda:Calendars:RefreshMinutes must be between 1 and 10080 (a week).");
            if (o.CancelledRetentionDays is < 0 or > 3650) failures.Add("Agenda:Calendars:CancelledRetentionDays must be between 0 and 3650.");
            if (o.PublicBaseUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http")))
                failures.Add("Agenda:Calendars:PublicBaseUrl must be an absolute http(s):// URL.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
