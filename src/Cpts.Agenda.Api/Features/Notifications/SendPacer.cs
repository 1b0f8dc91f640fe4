using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// Paces this instance's sends to <see cref="NotificationOptions.SendsPerSecond"/> (a token bucket shared by
/// every send job): providers throttle senders, and a backlog (after an outage, or a storm of bookings) is
/// then worked off in the background instead of taking the cores from the requests for a few seconds
/// every minute. 0 sends unpaced.
/// </summary>
public sealed class SendPacer : IDisposable
{
    private readonly TokenBucketRateLimiter? _limiter;

    public SendPacer(IOptions<NotificationOptions> options)
    {
        var rate = options.Value.SendsPerSecond;
        if (rate <= 0) return;
        // Replenished in small steps (at most 50 a second) so that sends are spread, not bunched at each second.
        var steps = Math.Min(rate, 50);
        var perStep = (int)Math.Ceiling((double)rate / steps);
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perStep,
            TokensPerPeriod = perStep,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / steps),
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for this instance's next send.</summary>
    public async ValueTask WaitAsync(CancellationToken ct)
    {
        if (_limiter is null) return;
        using var lease = await _limiter.AcquireAsync(1, ct);
    }

    public void Dispose() => _limiter?.Dispose();
}
