using System.Threading.RateLimiting;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// A fixed-window limiter that reads the service's <see cref="TimeProvider"/> (the library's limiters read
/// the machine's stopwatch): <c>permits</c> per window, the window starting at its first request. Under a
/// test clock the counts are exact whatever the machine's speed. Refusals carry Retry-After; nothing queues.
/// </summary>
public sealed class ClockWindowLimiter(TimeProvider clock, int permits, TimeSpan window) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;

    /// <summary>How long every permit has been available (null while the window has some in use): idle partitions are dropped.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                return _used == 0 || now >= _windowEnd ? now - (_windowEnd == DateTimeOffset.MinValue ? now : _windowEnd) : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock) return new RateLimiterStatistics { CurrentAvailablePermits = clock.GetUtcNow() >= _windowEnd ? permits : permits - _used };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + window;
                _used = 0;
            }
            if (_used + permitCount > permits) return new Lease(false, _windowEnd - now);
            _used += permitCount;
            return new Lease(true, TimeSpan.Zero);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
