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

public sealed class CountingFeedApp : AgendaApp
{
    public CountingFeedSource Counter { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IFeedSource>(Counter);
}

public sealed class FeedCostTests(CountingFeedApp app) : IClassFixture<CountingFeedApp>
{
    [Fact]
    public async Task A_304_and_a_repeated_fetch_load_no_events_only_a_change_does()
    {
        var (gp, path) = await app.NewGpFeedAsync(2);
        var client = app.CreateClient();
        var loadsBefore = app.Counter.Loads;

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(loadsBefore + 1, app.Counter.Loads);

        for (var i = 0; i < 3; i++)
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode); // no validator: the rendered body is reused
        Assert.Equal(loadsBefore + 1, app.Counter.Loads);

        await app.PublishSlotAsync(gp, app.NextHour(4), mode: "teleconsultation");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(loadsBefore + 2, app.Counter.Loads);
    }
}
