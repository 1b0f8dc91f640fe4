using Cpts.Agenda.Api.Features.Calendars;
using System.Data.Common;
using Npgsql;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

/// <summary>A feed source that counts how often its items are loaded (the expensive part of a feed).</summary>
public sealed class CountingFeedSource : IFeedSource
{
    private int _loads;

    public int Loads => _loads;

    public bool Feeds(string scope) => scope == FeedScopes.Practitioner;

    public NpgsqlBatchCommand StampCommand(FeedWindow window) => new("SELECT 0::bigint AS count, NULL::timestamptz AS last_change, 0::bigint AS versions");

    public FeedStamp ReadStamp(DbDataReader reader, FeedWindow window) => FeedStampRow.Read(reader).ToStamp();

    public Task<IReadOnlyList<FeedItem>> ItemsAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult<IReadOnlyList<FeedItem>>([]);
    }
}
