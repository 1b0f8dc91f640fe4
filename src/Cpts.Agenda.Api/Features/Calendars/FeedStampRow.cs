using System.Data.Common;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>The row a stamp query returns: count, last_change, versions.</summary>
public sealed class FeedStampRow
{
    public long Count { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public long Versions { get; init; }

    public FeedStamp ToStamp() => new(Count, LastChange, Versions);

    /// <summary>The single row of a stamp statement's result, where the reader stands (an aggregate always returns one).</summary>
    public static FeedStampRow Read(DbDataReader reader)
    {
        if (!reader.Read()) throw new InvalidOperationException("A feed stamp statement returned no row.");
        return reader.GetRowParser<FeedStampRow>()(reader);
    }
}
