using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// What a service holding health data owes every answer and every deployment: X-Forwarded-* read only
/// from the configured proxies, security headers, no Server header, HSTS outside Development, and public
/// URLs built from configuration, never from the request's Host.
/// </summary>
public static class Hardening
{
    public const string PublicBaseUrlKey = "Agenda:PublicBaseUrl";

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
        var publicBaseUrl = builder.Configuration[PublicBaseUrlKey];
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException($"{PublicBaseUrlKey} is not set: outside Development feed and booking URLs are built from it (https://agenda.example.org).");
        }
        else if (!IsBaseUrl(publicBaseUrl))
        {
            throw new InvalidOperationException($"{PublicBaseUrlKey} must be an absolute http(s) URL without query or fragment (https://agenda.example.org).");
        }
        return builder;
    }

    public static WebApplication UseAgendaHardening(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
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

    /// <summary>
    /// The base of the URLs handed out (feeds, booking links): Agenda:PublicBaseUrl; in Development without it,
    /// the request's own scheme and host, so a local run works out of the box.
    /// </summary>
    public static string PublicBaseUrl(IConfiguration config, IHostEnvironment environment, HttpRequest request) =>
        (config[PublicBaseUrlKey] is { Length: > 0 } url ? url
            : environment.IsDevelopment() ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : throw new InvalidOperationException($"{PublicBaseUrlKey} is not set.")).TrimEnd('/');

    private static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

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
