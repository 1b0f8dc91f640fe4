using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Abuse limits on the routes worth abusing: the regulator's search, booking, and calendar feeds.
/// Each is limited per token (the token's subject, or the feed token in the URL) by its policy and
/// per client IP by the global limiter. A refusal is 429 with Retry-After and problem details.
/// </summary>
public static class RateLimits
{
    public const string Search = "search";
    public const string Booking = "booking";
    public const string Feed = "feed";

    public sealed class Limits
    {
        public bool Enabled { get; set; } = true;
        public int SearchPerTokenPerMinute { get; set; } = 600;
        public int SearchPerIpPerMinute { get; set; } = 1200;
        public int BookingPerTokenPerMinute { get; set; } = 120;
        public int BookingPerIpPerMinute { get; set; } = 600;
        public int FeedPerTokenPerMinute { get; set; } = 60;
        public int FeedPerIpPerMinute { get; set; } = 600;
    }

    public static WebApplicationBuilder AddAgendaRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Agenda:RateLimits").Get<Limits>() ?? new Limits();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorHandling.WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "This client sent too many requests; wait for the time given in Retry-After.");
            };
            if (!limits.Enabled)
            {
                foreach (var name in new[] { Search, Booking, Feed }) o.AddPolicy(name, _ => RateLimitPartition.GetNoLimiter(""));
                return;
            }
            o.AddPolicy(Search, ctx => PerMinute($"search:{TokenOf(ctx)}", limits.SearchPerTokenPerMinute));
            o.AddPolicy(Booking, ctx => PerMinute($"booking:{TokenOf(ctx)}", limits.BookingPerTokenPerMinute));
            o.AddPolicy(Feed, ctx => PerMinute($"feed:{ctx.Request.RouteValues["token"]}", limits.FeedPerTokenPerMinute));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var policy = ctx.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "local";
                return policy switch
                {
                    Search => PerMinute($"search-ip:{ip}", limits.SearchPerIpPerMinute),
                    Booking => PerMinute($"booking-ip:{ip}", limits.BookingPerIpPerMinute),
                    Feed => PerMinute($"feed-ip:{ip}", limits.FeedPerIpPerMinute),
                    _ => RateLimitPartition.GetNoLimiter("none"),
                };
            });
        });
        return builder;
    }

    private static string TokenOf(HttpContext ctx) => ctx.User.FindFirst("sub")?.Value ?? "anonymous";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
