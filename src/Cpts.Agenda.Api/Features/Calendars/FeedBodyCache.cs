using Microsoft.Extensions.Caching.Memory;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Rendered feed bodies, keyed by their ETag (which names the scope and its change stamp): a client
/// without a validator, or a second device on the same scope, gets the bytes without a rebuild.
/// Bounded in bytes; an entry unused for an hour goes.
/// </summary>
public sealed class FeedBodyCache : IDisposable
{
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes });

    public bool TryGet(string etag, out byte[] body)
    {
        if (_cache.TryGetValue(etag, out byte[]? found) && found is not null)
        {
            body = found;
            return true;
        }
        body = [];
        return false;
    }

    public void Set(string etag, byte[] body)
    {
        if (body.LongLength > MaxBytes / 4) return;
        _cache.Set(etag, body, new MemoryCacheEntryOptions { Size = Math.Max(1, body.LongLength), SlidingExpiration = TimeSpan.FromHours(1) });
    }

    public void Dispose() => _cache.Dispose();
}
