using System.Data;

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
            // Bound here: the cluster is started while the services are being registered, before any option is resolved.
            var embeddedOptions = builder.Configuration.GetSection(EmbeddedDatabaseOptions.Section).Get<EmbeddedDatabaseOptions>() ?? new EmbeddedDatabaseOptions();
            var embedded = EmbeddedDevelopmentDatabase.Start(builder.Environment.ContentRootPath, embeddedOptions);
            connectionString = embedded.ConnectionString("agenda");
            builder.Services.AddHostedService(_ => new EmbeddedDevelopmentDatabase.Stopper(embedded));
        }

        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (csb.Timeout > 5) csb.Timeout = 5; // a database that is away answers 503 quickly rather than hanging
        csb.CommandTimeout = csb.CommandTimeout is 30 ? 15 : csb.CommandTimeout;
        // The service sends the same few dozen statements all day: Npgsql prepares each after a few uses and
        // keeps it across pooled opens, so PostgreSQL stops parsing and planning them anew (docs/PERFORMANCE.md).
        if (csb.MaxAutoPrepare == 0) csb.MaxAutoPrepare = 100;
        // No use case changes session state (no SET, no session lock, temporary tables ON COMMIT DROP: what
        // they set and lock is transaction-scoped), so a pooled connection needs no reset before its next use;
        // an open transaction is still rolled back when a connection is returned. The migrations' connection
        // holds a session lock: it keeps the reset.
        builder.Services.AddNpgsqlDataSourceOnce(new NpgsqlConnectionStringBuilder(csb.ConnectionString) { NoResetOnClose = true }.ConnectionString);
        // The data source hides the password from its ConnectionString; migrations need the whole one.
        builder.Services.AddSingleton(new AgendaConnectionString(csb.ConnectionString));
        ConfigureDapper();
        return builder;
    }

    private static void AddNpgsqlDataSourceOnce(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
    }

    /// <summary>Dapper's column mapping and type handlers (process-wide in Dapper), set once whoever calls first.</summary>
    public static void ConfigureDapper() => DapperSettings.Apply();

    /// <summary>The runtime runs a static constructor once per process: no flag of our own to keep.</summary>
    private static class DapperSettings
    {
        static DapperSettings()
        {
            DefaultTypeMap.MatchNamesWithUnderscores = true;
            SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
            SqlMapper.AddTypeHandler(new PlainValueHandler<DateOnly, DateTime>(DateOnly.FromDateTime, "a date"));
            SqlMapper.AddTypeHandler(new PlainValueHandler<TimeOnly, TimeSpan>(TimeOnly.FromTimeSpan, "a time"));
        }

        public static void Apply()
        {
            // Touching the class runs its static constructor, once.
        }
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

    /// <summary>
    /// A value Npgsql writes as it is and reads either as it is or as the older CLR type <typeparamref name="TRead"/>
    /// (DateOnly from DateTime, TimeOnly from TimeSpan); <paramref name="what"/> names it in the error.
    /// </summary>
    private sealed class PlainValueHandler<T, TRead>(Func<TRead, T> fromRead, string what) : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(IDbDataParameter parameter, T? value) => parameter.Value = value;

        public override T Parse(object value) => value switch
        {
            T v => v,
            TRead r => fromRead(r),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as {what}."),
        };
    }
}
