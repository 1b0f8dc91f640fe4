namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>The Development-only private cluster under .data/ at the repository root.</summary>
public static class EmbeddedDevelopmentDatabase
{
    public const int DefaultPort = 55432;

    /// <summary>
    /// Starts (or reuses) the cluster: under <c>Agenda:EmbeddedDatabase:Directory</c> (default .data/ at the
    /// repository root), on <c>Agenda:EmbeddedDatabase:Port</c> (default: the port it used last, else 55432).
    /// </summary>
    public static LocalPostgres Start(string contentRoot, EmbeddedDatabaseOptions options)
    {
        var folder = options.Directory is { Length: > 0 } configured
            ? Path.GetFullPath(configured) : Path.Combine(RepositoryRoot(contentRoot), ".data");
        var dataDir = Path.Combine(folder, "pg");
        var portFile = Path.Combine(folder, "port");
        var port = options.Port
                   ?? (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile), out var saved) ? saved : DefaultPort);
        Directory.CreateDirectory(Path.GetDirectoryName(portFile)!);
        File.WriteAllText(portFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        LocalPostgres pg;
        try
        {
            pg = new LocalPostgres(dataDir, port);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            throw;
        }
        if (pg.Start())
        {
            // Whatever stops the start after this (a migration, a bad setting, a crash): the cluster this
            // process started does not outlive it. A cluster that was already running is left alone.
            AppDomain.CurrentDomain.UnhandledException += (_, _) => StopAfterFailedStart(pg);
        }
        CreateDatabaseIfMissing(pg, "agenda");
        Console.WriteLine($"Embedded PostgreSQL: 127.0.0.1:{port}, data in {dataDir}");
        return pg;
    }

    /// <summary>
    /// After a failed start: stops the cluster this process started, so that it is not left running
    /// (and the next start finds it as it expects).
    /// </summary>
    private static void StopAfterFailedStart(LocalPostgres pg)
    {
        try
        {
            pg.Stop();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Embedded PostgreSQL could not be stopped: {e.Message}");
        }
    }

    public static void CreateDatabaseIfMissing(LocalPostgres pg, string name)
    {
        // A database name cannot be a parameter: it is written into the statement, so only a plain identifier is
        // accepted (the callers pass constants: "agenda", the tests' template).
        if (name.Length == 0 || !name.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            throw new ArgumentException($"Not a plain database name: {name}", nameof(name));
        using var c = new Npgsql.NpgsqlConnection(pg.ConnectionString());
        c.Open();
        using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", c);
        exists.Parameters.AddWithValue("n", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
            create.ExecuteNonQuery();
        }
    }

    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cpts.Agenda.sln"))) return dir.FullName;
        }
        return start;
    }

    /// <summary>Stops the cluster when the service stops; the next run reuses its folder.</summary>
    public sealed class Stopper(LocalPostgres pg) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            pg.Stop();
            return Task.CompletedTask;
        }
    }
}
