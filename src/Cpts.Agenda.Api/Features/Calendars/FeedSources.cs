using Cpts.Agenda.Api.Infrastructure;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Which calendar a feed shows: a practitioner, a room or a site.</summary>
public static class FeedScopes
{
    public const string Practitioner = "practitioner";
    public const string Room = "room";
    public const string Site = "site";
    public static readonly string[] All = [Practitioner, Room, Site];

    /// <summary>A practitioner or a nurse: someone whose own agenda is a practitioner feed.</summary>
    public static bool IsPerson(Caller caller) => caller.Is(Roles.Practitioner) || caller.Is(Roles.Nurse);
}

/// <summary>What a feed is asked for: its scope, the oldest end kept (now minus the cancelled retention), and now.</summary>
public sealed record FeedWindow(string Scope, Guid ScopeId, DateTimeOffset Since, DateTimeOffset Now);

/// <summary>
/// A cheap summary of a source's rows in a window that changes whenever the feed would: how many
/// rows, their last change, and the sum of their versions (two changes within the same clock tick
/// still move it). Through: for items that follow the date (weekly blocks expanded over the window),
/// the date the window was computed on, so the stamp moves when the window does.
/// </summary>
public readonly record struct FeedStamp(long Count, DateTimeOffset? LastChange, long Versions, DateOnly? Through = null);

/// <summary>The row a stamp query returns: count, last_change, versions.</summary>
public sealed class FeedStampRow
{
    public long Count { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public long Versions { get; init; }

    public FeedStamp ToStamp() => new(Count, LastChange, Versions);
}

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
/// One kind of item a feed shows (SNP slots, MMG shifts, teleconsultations, room reservations): a
/// class implementing this, registered in <see cref="CalendarsEndpoints.AddCalendars"/>.
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
