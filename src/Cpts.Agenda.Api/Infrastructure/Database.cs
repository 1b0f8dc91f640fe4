using System.Data;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Api.Infrastructure;

public static class Database
{
    public const string ConnectionStringName = "Agenda";

    /// <summary>
    /// Registers the one NpgsqlDataSource every use case opens connections from. In Development with
    /// no connection string, starts (or reuses) the private cluster under .data/.
    /// </summary>
    public static WebApplicationBuilder AddAgendaDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException("ConnectionStrings__Agenda is not set: point it at the agenda's PostgreSQL database.");
            var embedded = EmbeddedDevelopmentDatabase.Start(builder.Environment.ContentRootPath, builder.Configuration);
            connectionString = embedded.ConnectionString("agenda");
            builder.Services.AddHostedService(_ => new EmbeddedDevelopmentDatabase.Stopper(embedded));
        }

        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (csb.Timeout > 5) csb.Timeout = 5; // a database that is away answers 503 quickly rather than hanging
        csb.CommandTimeout = csb.CommandTimeout is 30 ? 15 : csb.CommandTimeout;
        // The service sends the same few dozen statements all day: Npgsql prepares each after a few uses and
        // keeps it across pooled opens, so PostgreSQL stops parsing and planning them anew (docs/PERFORMANCE.md).
        if (csb.MaxAutoPrepare == 0) csb.MaxAutoPrepare = 100;
        builder.Services.AddNpgsqlDataSourceOnce(csb.ConnectionString);
        // The data source hides the password from its ConnectionString; migrations need the whole one.
        builder.Services.AddSingleton(new AgendaConnectionString(csb.ConnectionString));
        ConfigureDapper();
        return builder;
    }

    private static void AddNpgsqlDataSourceOnce(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
    }

    private static int _dapperConfigured;

    public static void ConfigureDapper()
    {
        if (Interlocked.Exchange(ref _dapperConfigured, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new TimeOnlyHandler());
    }

    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto,
            _ => throw new DataException($"Cannot read {value.GetType().Name} as an instant."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value) => parameter.Value = value;

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
        };
    }

    private sealed class TimeOnlyHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        public override void SetValue(IDbDataParameter parameter, TimeOnly value) => parameter.Value = value;

        public override TimeOnly Parse(object value) => value switch
        {
            TimeOnly t => t,
            TimeSpan ts => TimeOnly.FromTimeSpan(ts),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a time."),
        };
    }
}

/// <summary>The full connection string (with its password), for the few tools that open their own connections.</summary>
public sealed record AgendaConnectionString(string Value);

/// <summary>The Development-only private cluster under .data/ at the repository root.</summary>
public static class EmbeddedDevelopmentDatabase
{
    public const int DefaultPort = 55432;

    /// <summary>
    /// Starts (or reuses) the cluster: under <c>Agenda:EmbeddedDatabase:Directory</c> (default .data/ at the
    /// repository root), on <c>Agenda:EmbeddedDatabase:Port</c> (default: the port it used last, else 55432).
    /// </summary>
    public static LocalPostgres Start(string contentRoot, IConfiguration config)
    {
        var folder = config["Agenda:EmbeddedDatabase:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured) : Path.Combine(RepositoryRoot(contentRoot), ".data");
        var dataDir = Path.Combine(folder, "pg");
        var portFile = Path.Combine(folder, "port");
        var port = config.GetValue<int?>("Agenda:EmbeddedDatabase:Port")
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
            _startedHere = pg;
            // Whatever stops the start after this (a migration, a bad setting, a crash): the cluster does not outlive the process.
            AppDomain.CurrentDomain.UnhandledException += (_, _) => StopIfStartedHere();
        }
        CreateDatabaseIfMissing(pg, "agenda");
        Console.WriteLine($"Embedded PostgreSQL: 127.0.0.1:{port}, data in {dataDir}");
        return pg;
    }

    private static LocalPostgres? _startedHere;

    /// <summary>
    /// After a failed start: stops the cluster if this process started it, so that it is not left running
    /// (and the next start finds it as it expects). A cluster that was already running is left alone.
    /// </summary>
    public static void StopIfStartedHere()
    {
        if (Interlocked.Exchange(ref _startedHere, null) is not { } pg) return;
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
