namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A feed event's row whose version every change bumps (slots, shifts): the event's SEQUENCE counts the
/// changes after the first version, and its last change is the row's.
/// </summary>
public abstract class VersionedFeedEventRow : FeedEventRow
{
    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public int Sequence => Math.Max(0, Version - 1);
}
