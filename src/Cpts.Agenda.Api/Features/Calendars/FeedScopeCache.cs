using Microsoft.Extensions.Caching.Memory;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The scope and scope id of feeds already served, keyed by their token's hash. A feed's scope never
/// changes once created, so knowing it lets <see cref="GetFeed"/> send the feed's lookup and every
/// source's stamp in one batch. Only a hint: the lookup still runs on every request (revocation and
/// renames are seen at once), and a feed found with another scope is stamped again.
/// Bounded in entries; an entry unused for a day goes.
/// </summary>
public sealed class FeedScopeCache : IDisposable
{
    public const long MaxEntries = 50_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public bool TryGet(byte[] tokenHash, out string scope, out Guid scopeId)
    {
        if (_cache.TryGetValue(Key(tokenHash), out (string Scope, Guid ScopeId) found))
        {
            (scope, scopeId) = found;
            return true;
        }
        (scope, scopeId) = ("", Guid.Empty);
        return false;
    }

    public void Set(byte[] tokenHash, string scope, Guid scopeId) =>
        _cache.Set(Key(tokenHash), (scope, scopeId), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(1) });

    public void Remove(byte[] tokenHash) => _cache.Remove(Key(tokenHash));

    private static string Key(byte[] tokenHash) => Convert.ToBase64String(tokenHash);

    public void Dispose() => _cache.Dispose();
}
