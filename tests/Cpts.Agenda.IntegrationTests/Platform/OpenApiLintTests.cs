using System.Diagnostics;

namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>
/// Spectral's spectral:oas ruleset reports no error and no warning on /openapi/v1.json. Spectral is
/// pinned in tools/openapi-lint (package.json, package-lock.json); .ci/run installs it with npm ci,
/// and on a workstation run `npm ci` there once.
/// </summary>
public sealed class OpenApiLintTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Spectral_oas_reports_no_error_and_no_warning()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools", "openapi-lint");
        var spectral = Path.Combine(tools, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
        Assert.True(File.Exists(spectral), $"Spectral is not installed: run `npm ci` in {tools} (.ci/run does).");

        var document = Path.Combine(Path.GetTempPath(), $"cpts-agenda-openapi-{Guid.NewGuid():N}.json");
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        await response.ShouldBe(HttpStatusCode.OK);
        await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());
        var start = new ProcessStartInfo("node", [spectral, "lint", document, "--ruleset", Path.Combine(tools, ".spectral.yaml"), "--fail-severity", "warn", "--format", "text"])
        {
            WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // A bound against a hung process only: on a loaded machine Node may take a while to start.
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(hang.Token);
        // The document stays in the temporary folder when it fails, for a look at the lines Spectral names.
        Assert.True(process.ExitCode == 0, $"spectral exited {process.ExitCode}:\n{await output}\n{await errors}");
        File.Delete(document);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cpts.Agenda.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Cpts.Agenda.sln) is not above " + AppContext.BaseDirectory);
    }
}
