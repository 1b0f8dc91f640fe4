using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Keeps secrets out of the logs whatever levels an operator picks. A feed's token is its URL path
/// (/ical/{token}.ics) and a busy calendar's URL holds its owner's secret in its path or query: the
/// framework categories that write request paths (the hosting request lines, routing's path matching,
/// static files) are capped at Warning for every provider, after the configuration's own rules, and the
/// calendar HttpClient logs nothing itself (the fetcher logs the host only). Bearer tokens are never
/// logged by the JWT handler (IdentityModel hides them), and use cases never log patient fields.
/// </summary>
public static class LogSafety
{
    /// <summary>Categories whose Information and Debug lines carry the request path.</summary>
    public static readonly IReadOnlyList<string> PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing.Matching.DfaMatcher",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.HttpLogging",
    ];

    public static WebApplicationBuilder AddAgendaLogSafety(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, CapPathLogging>();
        return builder;
    }

    /// <summary>
    /// Runs after the configuration's rules are in: for every provider a rule names (and for all providers), a rule
    /// of the same specificity as any an operator could write for these categories, added last so that it wins.
    /// </summary>
    private sealed class CapPathLogging : IPostConfigureOptions<LoggerFilterOptions>
    {
        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
            foreach (var provider in providers)
            {
                foreach (var category in PathLoggingCategories)
                    options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, null));
            }
        }
    }
}
