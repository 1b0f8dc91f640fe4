namespace Cpts.Agenda.Api.Features.Rooms;

/// <summary>[Start, End) between two instants.</summary>
public sealed record Interval(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;
}
