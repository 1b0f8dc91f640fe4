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
}
