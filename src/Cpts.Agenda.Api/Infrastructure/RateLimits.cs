using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Abuse limits on the routes worth abusing: the regulator's search, booking, and calendar feeds.
/// Each is limited per token (the token's subject, or the feed token in the URL) by its policy and
/// per client address by the global limiter. A refusal is 429 with Retry-After and problem details.
/// The per-token limit is the guard against one abusive client; the per-address limit only caps what
/// one address sends in all, and is sized for <see cref="Limits.TokensPerAddress"/> tokens each using
/// its whole allowance (a SAS call centre behind one NAT, a CPTS behind one proxy). Windows are read
/// from the service's clock (<see cref="ClockWindowLimiter"/>).
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
        public int BookingPerTokenPerMinute { get; set; } = 120;
        public int FeedPerTokenPerMinute { get; set; } = 60;

        /// <summary>How many tokens at their full per-token rate one address may carry: the per-address limits' default size.</summary>
        public int TokensPerAddress { get; set; } = 30;

        /// <summary>Per-address limits; unset: the per-token limit times <see cref="TokensPerAddress"/>.</summary>
        public int? SearchPerIpPerMinute { get; set; }
        public int? BookingPerIpPerMinute { get; set; }
        public int? FeedPerIpPerMinute { get; set; }

        public int SearchPerIp => SearchPerIpPerMinute ?? SearchPerTokenPerMinute * TokensPerAddress;
        public int BookingPerIp => BookingPerIpPerMinute ?? BookingPerTokenPerMinute * TokensPerAddress;
        public int FeedPerIp => FeedPerIpPerMinute ?? FeedPerTokenPerMinute * TokensPerAddress;
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
            o.AddPolicy(Search, ctx => PerMinute(ctx, $"search:{TokenOf(ctx)}", limits.SearchPerTokenPerMinute));
            o.AddPolicy(Booking, ctx => PerMinute(ctx, $"booking:{TokenOf(ctx)}", limits.BookingPerTokenPerMinute));
            o.AddPolicy(Feed, ctx => PerMinute(ctx, $"feed:{ctx.Request.RouteValues["token"]}", limits.FeedPerTokenPerMinute));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var policy = ctx.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "local";
                return policy switch
                {
                    Search => PerMinute(ctx, $"search-ip:{ip}", limits.SearchPerIp),
                    Booking => PerMinute(ctx, $"booking-ip:{ip}", limits.BookingPerIp),
                    Feed => PerMinute(ctx, $"feed-ip:{ip}", limits.FeedPerIp),
                    _ => RateLimitPartition.GetNoLimiter("none"),
                };
            });
        });
        return builder;
    }

    private static string TokenOf(HttpContext ctx) => ctx.User.FindFirst("sub")?.Value ?? "anonymous";

    private static RateLimitPartition<string> PerMinute(HttpContext ctx, string key, int permits)
    {
        var clock = ctx.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get(key, _ => new ClockWindowLimiter(clock, permits, TimeSpan.FromMinutes(1)));
    }
}
