namespace Cpts.Agenda.Api.Features.Calendars;

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
