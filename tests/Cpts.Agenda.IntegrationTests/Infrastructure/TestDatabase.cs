using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run, in a temporary folder on a free port.
/// The production migrations run once into a template database; every test class gets its own
/// copy (CREATE DATABASE … TEMPLATE), so classes run in parallel without seeing each other's rows.
/// </summary>
public static class TestDatabase
{
    private const string Template = "agenda_template";
    private static readonly Lazy<LocalPostgres> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim CreateLock = new(1, 1);

    public static LocalPostgres Postgres => Server.Value;

    public static async Task<string> CreateAsync()
    {
        var pg = Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N");
        // CREATE DATABASE … TEMPLATE needs the template to have no other session: one at a time.
        await CreateLock.WaitAsync();
        try
        {
            await using var c = new NpgsqlConnection(pg.ConnectionString());
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE {Template}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            CreateLock.Release();
        }
        return pg.ConnectionString(name);
    }

    /// <summary>A database with no schema at all, for migration tests.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var pg = Server.Value;
        var name = "e_" + Guid.NewGuid().ToString("N");
        await using var c = new NpgsqlConnection(pg.ConnectionString());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
        await cmd.ExecuteNonQueryAsync();
        return pg.ConnectionString(name);
    }

    /// <summary>A run killed before its exit handler leaves its folder behind; the next run removes those no server uses.</summary>
    private static void RemoveStoppedLeftovers()
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "cpts-agenda-tests-*"))
        {
            if (ServerAlive(Path.Combine(old, "pg", "postmaster.pid"))) continue;
            if (Directory.GetLastWriteTimeUtc(old) > DateTime.UtcNow.AddMinutes(-5)) continue; // maybe a run starting now
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another run's folder being created right now: leave it
            }
        }
    }

    /// <summary>A postmaster.pid whose process still runs; a server killed with its test run leaves the file behind.</summary>
    private static bool ServerAlive(string pidFile)
    {
        if (!File.Exists(pidFile)) return false;
        try
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            if (!int.TryParse(first, out var pid)) return true; // being written: leave it
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return true;
        }
    }

    private static LocalPostgres StartServer()
    {
        RemoveStoppedLeftovers();
        var dir = Path.Combine(Path.GetTempPath(), "cpts-agenda-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var pg = new LocalPostgres(Path.Combine(dir, "pg"), LocalPostgres.FreePort());
        pg.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                pg.Stop("immediate");
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Console.Error.WriteLine($"Test PostgreSQL cleanup: {e.Message}");
            }
        };
        EmbeddedDevelopmentDatabase.CreateDatabaseIfMissing(pg, Template);
        Migrations.MigrateAsync(pg.ConnectionString(Template), NullLogger.Instance).GetAwaiter().GetResult();
        // Hangfire's schema too, so each test host does not install it again in its copy.
        using (var c = new NpgsqlConnection(pg.ConnectionString(Template)))
        {
            c.Open();
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(c, Jobs.Schema);
        }
        NpgsqlConnection.ClearAllPools(); // no session may stay on the template
        return pg;
    }
}
