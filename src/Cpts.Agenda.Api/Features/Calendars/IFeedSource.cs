namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// One kind of item a feed shows (SNP slots, MMG shifts, teleconsultations, room reservations): a
/// class implementing this, registered in <see cref="CalendarsModule.AddCalendars"/>.
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
