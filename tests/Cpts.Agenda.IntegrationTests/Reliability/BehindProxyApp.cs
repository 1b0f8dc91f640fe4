using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>Behind a reverse proxy 10.0.0.1: X-Forwarded-For names the client, but only when the proxy is a known one.</summary>
public sealed class BehindProxyApp : AgendaApp
{
    public const string PeerHeader = "X-Test-Peer";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:RateLimits:Enabled"] = "true",
        ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        ["Agenda:RateLimits:SearchPerTokenPerMinute"] = "100",
        ["Agenda:RateLimits:SearchPerIpPerMinute"] = "2",
    };

    // The in-process server has no TCP peer: the test names the address the connection comes from.
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new PeerAddress());

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(peer.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
