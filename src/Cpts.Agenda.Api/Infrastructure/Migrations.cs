using System.Reflection;
using DbUp;
using DbUp.Engine.Output;

namespace Cpts.Agenda.Api.Infrastructure;

public static class Migrations
{
    // Any constant shared by every instance: a second instance starting at the same time waits here.
    private const long AdvisoryLockKey = 0x43505453_41474E44; // "CPTSAGND"

    /// <summary>Applies db/migrations/*.sql (embedded in the assembly) under a PostgreSQL advisory lock.</summary>
    public static async Task MigrateAgendaDatabaseAsync(this WebApplication app)
    {
        var connectionString = app.Services.GetRequiredService<AgendaConnectionString>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations");
        await MigrateAsync(connectionString, logger);
    }

    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken ct = default)
    {
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@k)", lockConnection))
        {
            take.Parameters.AddWithValue("k", AdvisoryLockKey);
            take.CommandTimeout = 300;
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var result = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith("migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .JournalToPostgresqlTable("public", "schema_versions")
                .LogTo(new DbUpLog(logger))
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error?.Message}", result.Error);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", lockConnection);
            release.Parameters.AddWithValue("k", AdvisoryLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => logger.LogInformation("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
