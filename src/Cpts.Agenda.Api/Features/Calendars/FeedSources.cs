using Npgsql;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Which calendar a feed shows: a practitioner, a room or a site.</summary>
public static class FeedScopes
{
    public const string Practitioner = "practitioner";
    public const string Room = "room";
    public const string Site = "site";
    public static readonly string[] All = [Practitioner, Room, Site];
}

/// <summary>What a feed is asked for: its scope, and the oldest end kept (now minus the cancelled retention).</summary>
public sealed record FeedWindow(string Scope, Guid ScopeId, DateTimeOffset Since);

/// <summary>
/// A cheap summary of a source's rows in a window that changes whenever the feed would: how many
/// rows, their last change, and the sum of their versions (two changes within the same clock tick
/// still move it).
/// </summary>
public readonly record struct FeedStamp(long Count, DateTimeOffset? LastChange, long Versions);

/// <summary>One VEVENT of a feed, already stripped of anything private.</summary>
public sealed record FeedItem
{
    /// <summary>Stable for the life of the item: derived from its kind and id.</summary>
    public required string Uid { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required string Summary { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    /// <summary>Withdrawn or cancelled: kept as STATUS:CANCELLED for the retention period so clients remove it.</summary>
    public bool Cancelled { get; init; }
    /// <summary>SEQUENCE: grows each time the item changes.</summary>
    public int Sequence { get; init; }
    /// <summary>When the item last changed (DTSTAMP and LAST-MODIFIED).</summary>
    public required DateTimeOffset Changed { get; init; }
}

/// <summary>
/// One kind of item a feed shows (SNP slots now; MMG shifts and teleconsultations plug in the
/// same way: a class implementing this, registered in <see cref="CalendarsEndpoints.AddCalendars"/>).
/// Each source has two queries over the same rows: a cheap stamp (count and last change) that
/// decides a 304 without loading anything, and the items themselves.
/// </summary>
public interface IFeedSource
{
    /// <summary>The scopes this source contributes to.</summary>
    bool Feeds(string scope);

    Task<FeedStamp> StampAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct);

    Task<IReadOnlyList<FeedItem>> ItemsAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct);
}
