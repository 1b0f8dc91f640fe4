namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>The row a stamp query returns: count, last_change, versions.</summary>
public sealed class FeedStampRow
{
    public long Count { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public long Versions { get; init; }

    public FeedStamp ToStamp() => new(Count, LastChange, Versions);
}
