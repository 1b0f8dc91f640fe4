using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// GET /ical/{token}.ics, for anyone holding the URL (no sign-in). First a cheap change stamp per source
/// (count and last change over the scope's rows in the window) gives the strong ETag and Last-Modified; a
/// client that already has that version gets 304 without a single event loaded. Otherwise the body comes
/// from the cache or is rendered once for that stamp. The feed's lookup (FindFeed: scope, name, revocation)
/// runs on every request; once a feed's scope is known (<see cref="FeedScopeCache"/>), that lookup and every
/// source's stamp go to PostgreSQL as one batch, so a 304 costs one round trip (two the first time
/// a feed is seen by this instance: the lookup, then the stamps).
/// Side effects: none in the database (the feed's scope and rendered body are kept in this instance's
/// memory caches); triggers: none.
/// </summary>
public static class GetFeed
{
    public sealed record Query(string Token, IReadOnlyList<string> IfNoneMatch, DateTimeOffset? IfModifiedSince) : IRequest<Result<FeedAnswer>>;

    /// <summary>The request's conditional headers: If-None-Match (each entity tag, weak ones as strong) and If-Modified-Since.</summary>
    public static Query From(string token, HttpRequest request)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.SelectMany(h => (h ?? "").Split(','))
            .Select(t => t.Trim()).Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t).Where(t => t.Length > 0).ToList();
        return new Query(token, ifNoneMatch, request.GetTypedHeaders().IfModifiedSince);
    }

    /// <summary>text/calendar with ETag, Last-Modified and Cache-Control, or 304 with the same headers, or the problem.</summary>
    public static IResult Serve(HttpContext context, Result<FeedAnswer> result)
    {
        if (result.Error is { } e) return ResultHttp.ProblemOf(e);
        var feed = result.Value!;
        context.Response.Headers.ETag = feed.ETag;
        context.Response.GetTypedHeaders().LastModified = feed.LastModified;
        context.Response.Headers.CacheControl = "private, no-cache";
        if (feed.NotModified) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(feed.Body!, "text/calendar; charset=utf-8");
    }

    public sealed record FeedAnswer(string ETag, DateTimeOffset LastModified, byte[]? Body)
    {
        public bool NotModified => Body is null;
    }

    /// <summary>Bump when the rendering changes, so clients do not keep bytes the new code would not write.</summary>
    private const string RenderingVersion = "feed-v2";

    private const string FindFeed = """
        SELECT f.id, f.scope, f.scope_id, f.created_at,
               CASE f.scope
                   WHEN 'practitioner' THEN (SELECT first_name || ' ' || last_name FROM practitioners WHERE id = f.scope_id)
                   WHEN 'room' THEN (SELECT r.name || ' – ' || s.name FROM rooms r JOIN sites s ON s.id = r.site_id WHERE r.id = f.scope_id)
                   ELSE (SELECT name FROM sites WHERE id = f.scope_id)
               END AS scope_name
        FROM calendar_feeds f
        WHERE f.token_hash = @TokenHash AND f.revoked_at IS NULL
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IEnumerable<IFeedSource> sources, FeedBodyCache cache,
        FeedScopeCache scopes, IOptions<CalendarOptions> options)
        : IRequestHandler<Query, Result<FeedAnswer>>
    {
        public async ValueTask<Result<FeedAnswer>> Handle(Query query, CancellationToken ct)
        {
            if (!FeedTokens.IsWellFormed(query.Token)) return Error.NotFound("This feed");
            var tokenHash = FeedTokens.Hash(query.Token);
            var now = clock.GetUtcNow();
            var oldest = now.AddDays(-options.Value.CancelledRetentionDays);
            await using var c = await db.OpenConnectionAsync(ct);

            // A feed served before: its lookup and its sources' stamps in one round trip.
            FeedRow? feed;
            IReadOnlyList<FeedStamp>? stamps = null;
            List<IFeedSource> feeding = [];
            if (scopes.TryGet(tokenHash, out var knownScope, out var knownScopeId))
            {
                feeding = Feeding(knownScope);
                (feed, stamps) = await BatchAsync(c, tokenHash, new FeedWindow(knownScope, knownScopeId, oldest, now), feeding, ct);
                if (feed is null) scopes.Remove(tokenHash);
                else if (feed.Scope != knownScope || feed.ScopeId != knownScopeId) stamps = null;
            }
            else (feed, _) = await BatchAsync(c, tokenHash, null, feeding, ct);
            if (feed is null) return Error.NotFound("This feed");
            scopes.Set(tokenHash, feed.Scope, feed.ScopeId);

            var window = new FeedWindow(feed.Scope, feed.ScopeId, oldest, now);
            if (stamps is null)
            {
                feeding = Feeding(feed.Scope);
                stamps = (await BatchAsync(c, null, window, feeding, ct)).Stamps!;
            }

            var stamp = new StringBuilder($"{RenderingVersion}|{feed.Scope}|{feed.ScopeId}|{feed.ScopeName}|{Paris.Zone.Id}");
            var lastModified = feed.CreatedAt;
            for (var i = 0; i < feeding.Count; i++)
            {
                var s = stamps[i];
                stamp.Append($"|{feeding[i].GetType().Name}:{s.Count}:{s.LastChange?.UtcTicks}:{s.Versions}:{s.Through:yyyy-MM-dd}");
                if (s.LastChange is { } changed && changed > lastModified) lastModified = changed;
            }
            lastModified = Dates.TruncateToSeconds(lastModified);
            var etag = $"\"{FeedTokens.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(stamp.ToString())))[..32]}\"";

            var notModified = query.IfNoneMatch.Count > 0
                ? query.IfNoneMatch.Any(m => m == "*" || m == etag)
                : query.IfModifiedSince is { } since && lastModified <= since;
            if (notModified) return new FeedAnswer(etag, lastModified, null);

            if (!cache.TryGet(etag, out var body))
            {
                var items = new List<FeedItem>();
                foreach (var source in feeding) items.AddRange(await source.ItemsAsync(c, window, ct));
                body = FeedRenderer.Render($"Agenda CPTS – {feed.ScopeName ?? feed.Scope}",
                    items.OrderBy(i => i.Start).ThenBy(i => i.Uid, StringComparer.Ordinal));
                cache.Set(etag, body);
            }
            return new FeedAnswer(etag, lastModified, body);
        }

        private List<IFeedSource> Feeding(string scope) => sources.Where(s => s.Feeds(scope)).ToList();

        /// <summary>
        /// One round trip: FindFeed when a token hash is given, then the stamp of each source when a window
        /// is (in the sources' order). Stamps are null when no window was given or the feed was not found.
        /// </summary>
        private static async Task<(FeedRow? Feed, IReadOnlyList<FeedStamp>? Stamps)> BatchAsync(
            NpgsqlConnection c, byte[]? tokenHash, FeedWindow? window, List<IFeedSource> feeding, CancellationToken ct)
        {
            await using var batch = c.CreateBatch();
            if (tokenHash is not null)
                batch.BatchCommands.Add(new NpgsqlBatchCommand(FindFeed) { Parameters = { new NpgsqlParameter("TokenHash", tokenHash) } });
            if (window is not null)
                foreach (var source in feeding) batch.BatchCommands.Add(source.StampCommand(window));
            if (batch.BatchCommands.Count == 0) return (null, []);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            FeedRow? feed = null;
            if (tokenHash is not null)
            {
                if (await reader.ReadAsync(ct)) feed = reader.GetRowParser<FeedRow>()(reader);
                if (feed is null) return (null, null);
                await reader.NextResultAsync(ct);
            }
            if (window is null) return (feed, null);
            var stamps = new List<FeedStamp>(feeding.Count);
            for (var i = 0; i < feeding.Count; i++)
            {
                if (i > 0) await reader.NextResultAsync(ct);
                stamps.Add(feeding[i].ReadStamp(reader, window));
            }
            return (feed, stamps);
        }
    }

    private sealed class FeedRow
    {
        public Guid Id { get; init; }
        public string Scope { get; init; } = "";
        public Guid ScopeId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? ScopeName { get; init; }
    }
}
