using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>The most talkative configuration an operator might pick: every category at Debug, for all providers and for this one.</summary>
public sealed class VerboseLoggingApp : AgendaApp
{
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The jobs' log lines (Hangfire at Debug, planning, sending) are read too.</summary>
    protected override bool RunsJobs => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Debug",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Debug",
        ["Logging:LogLevel:Hangfire"] = "Debug",
        ["Logging:Capture:LogLevel:Default"] = "Debug",
        ["Logging:Capture:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Debug",
        ["Logging:Capture:LogLevel:Microsoft.AspNetCore.Routing.Matching.DfaMatcher"] = "Debug",
        ["Agenda:Calendars:AllowPrivateAddresses"] = "true",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }
}
