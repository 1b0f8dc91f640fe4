using System.Diagnostics;

namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>
/// `dotnet run` in Development starts its own PostgreSQL cluster. The service is run as a process here (its own
/// folder and port for the cluster), with a setting that stops the start after the cluster is up.
/// </summary>
public sealed class EmbeddedDatabaseStartTests
{
    [Fact]
    public async Task A_start_that_fails_stops_the_embedded_cluster_it_started()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"agenda-embedded-{Guid.NewGuid():N}");
        var port = LocalPostgres.FreePort();
        var cluster = new LocalPostgres(Path.Combine(folder, "pg"), port);
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Cpts.Agenda.Api.dll")}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment.Remove("ConnectionStrings__Agenda");
        info.Environment["Agenda__EmbeddedDatabase__Directory"] = folder;
        info.Environment["Agenda__EmbeddedDatabase__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Found only once the database is up: a profession's default template that does not exist.
        info.Environment["Agenda__Shifts__Defaults__generalist"] = "no-such-template";
        using var process = Process.Start(info)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a bound for a stuck process, not a speed expectation
            await process.WaitForExitAsync(bound.Token);

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains($"Embedded PostgreSQL: 127.0.0.1:{port}", await stdout, StringComparison.Ordinal); // it was started by this process
            Assert.Contains("no-such-template", await stderr, StringComparison.Ordinal);
            Assert.False(cluster.IsRunning(), "the embedded cluster outlived the failed start");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            if (cluster.IsRunning()) cluster.Stop("immediate");
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
