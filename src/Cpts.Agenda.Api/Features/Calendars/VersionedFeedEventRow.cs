namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A feed event's row whose version every change bumps (slots, shifts): the event's SEQUENCE counts the
/// changes after the first version, and its last change is the row's.
/// </summary>
public abstract class VersionedFeedEventRow : FeedEventRow
{
    /// <summary>The stamp's SELECT of such rows, aliased s: the table and its WHERE follow.</summary>
    public const string StampFrom =
        "SELECT count(*) AS count, max(s.updated_at) AS last_change, coalesce(sum(s.version), 0) AS versions FROM";

    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public int Sequence => Math.Max(0, Version - 1);
}
