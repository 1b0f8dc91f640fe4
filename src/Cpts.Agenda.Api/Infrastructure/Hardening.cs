using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// What a service holding health data owes every answer and every deployment: X-Forwarded-* read only
/// from the configured proxies, security headers, no Server header, HSTS outside Development, and public
/// URLs built from configuration (<see cref="PublicUrlOptions"/>), never from the request's Host.
/// </summary>
public static class Hardening
{
    public static WebApplicationBuilder AddAgendaHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var (proxies, networks) = KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the defaults (loopback) are cleared, and each hop is taken from the
            // right of X-Forwarded-For while the address it came from is a known proxy.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
            o.ForwardLimit = null;
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Checked at start-up with the other options: required outside Development, an absolute http(s) URL.
        builder.Services.AddOptions<PublicUrlOptions>().Bind(builder.Configuration.GetSection(PublicUrlOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlOptions.Validator>();
        return builder;
    }

    public static WebApplication UseAgendaHardening(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0) app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return next(context);
        });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    private static (IPAddress[] Proxies, System.Net.IPNetwork[] Networks) KnownProxies(ConfigurationManager config)
    {
        var proxies = config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        return (
            proxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToArray(),
            networks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var net) ? net
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network (CIDR, e.g. 10.0.0.0/8).")).ToArray());
    }
}
