using System.Data.Common;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// One kind of item a feed shows (SNP slots, MMG shifts, teleconsultations, room reservations): a
/// class implementing this, registered in <see cref="CalendarsModule.AddCalendars"/>.
/// Each source has two queries over the same rows: a cheap stamp (count and last change) that
/// decides a 304 without loading anything, and the items themselves. The stamp is not run by the
/// source: it gives its statement, which <see cref="GetFeed"/> sends in one batch with the feed's own
/// lookup and the other sources' stamps (one round trip), and reads its result back from that batch.
/// </summary>
public interface IFeedSource
{
    /// <summary>The scopes this source contributes to.</summary>
    bool Feeds(string scope);

    /// <summary>The stamp's statement for a scope it feeds: a whole const SQL of the source, with its parameters.</summary>
    NpgsqlBatchCommand StampCommand(FeedWindow window);

    /// <summary>The stamp, read from the result of <see cref="StampCommand"/> (the reader stands on that result, before its row).</summary>
    FeedStamp ReadStamp(DbDataReader reader, FeedWindow window);

    Task<IReadOnlyList<FeedItem>> ItemsAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct);
}
