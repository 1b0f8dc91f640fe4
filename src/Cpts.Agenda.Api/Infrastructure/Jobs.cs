using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Hangfire on the service's own PostgreSQL database, in the schema <c>hangfire</c>; a server in every
/// instance. Each feature's module declares its own recurring jobs (<see cref="AddRecurringJobs{T}"/>, an
/// <see cref="IRecurringJobs"/>); they are registered here at every start, in the Paris time zone.
/// Storage, activator and clients are this host's own services (never Hangfire's static globals),
/// so two hosts in one process (the tests) never share a storage.
/// </summary>
public static class Jobs
{
    public const string Schema = "hangfire";

    /// <summary>The queue of the notification send jobs, served by its own workers.</summary>
    public const string SendsQueue = "sends";

    /// <summary>
    /// The queue of the idempotent minute jobs, served by its own workers: neither a backlog of sends nor a
    /// burst of planning runs after bookings (queue "default") nor a job stuck elsewhere holds them up.
    /// </summary>
    public const string HousekeepingQueue = "housekeeping";
    public const string DashboardPath = "/hangfire";

    public static WebApplicationBuilder AddAgendaJobs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var services = builder.Services;
        services.AddSingleton(options);

        // Registered before AddHangfire, whose TryAdd then keeps these instead of JobStorage.Current / JobActivator.Current.
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
            new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>()),
            StorageOptions(options)));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHostedService<RecurringJobsRegistration>(); // before the server: recurring jobs exist when it starts
        var instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        // One server per queue, each with its own workers: a queue whose workers are all busy (a backlog of
        // paced sends, a burst of planning runs, a stuck job) never holds up the jobs of another.
        if (!options.RunServers) return builder;
        AddServer(services, options, instance, EnqueuedState.DefaultQueue, options.WorkerCount);
        AddServer(services, options, instance, HousekeepingQueue, options.HousekeepingWorkerCount);
        AddServer(services, options, instance, SendsQueue, options.SendWorkerCount);
        return builder;
    }

    private static void AddServer(IServiceCollection services, JobsOptions options, string instance, string queue, int workers) =>
        services.AddHangfireServer((_, o) =>
        {
            o.WorkerCount = workers;
            o.ShutdownTimeout = options.ShutdownTimeout;
            o.ServerName = queue == EnqueuedState.DefaultQueue ? instance : instance + ":" + queue;
            o.Queues = [queue];
        });

    /// <summary>
    /// Hangfire.PostgreSql's locks are rows (hangfire.lock) with no owner and no heartbeat: a process killed while
    /// holding one (a job's state lock during a state change, the schedulers' locks) leaves it behind, and the
    /// only way it ever goes is its lifetime, DistributedLockTimeout. A job that process had fetched comes back
    /// after InvisibilityTimeout; with the lifetime no longer than that, the worker fetching it finds the dead
    /// lock expired instead of waiting on it. Sliding invisibility keeps a running job (or one whose worker waits
    /// on a live lock) from being fetched a second time, so the invisibility timeout can be short.
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions(JobsOptions options)
    {
        if (options.DistributedLockTimeout > options.InvisibilityTimeout)
            throw new InvalidOperationException(
                $"{JobsOptions.Section}:DistributedLockTimeout ({options.DistributedLockTimeout}) must not exceed {JobsOptions.Section}:InvisibilityTimeout ({options.InvisibilityTimeout}): a job fetched again after its process died would wait on that process's lock.");
        return new()
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = options.DistributedLockTimeout,
            QueuePollInterval = options.QueuePollInterval,
        };
    }

    /// <summary>A feature's recurring jobs, registered at every start with those of the other features (its module calls this).</summary>
    public static IServiceCollection AddRecurringJobs<T>(this IServiceCollection services) where T : class, IRecurringJobs
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecurringJobs, T>());
        return services;
    }

    /// <summary>Every recurring job the features declared, in the Paris time zone; a run missed while no server was up is skipped.</summary>
    private static void RegisterRecurringJobs(IRecurringJobManager manager, IEnumerable<IRecurringJobs> declared)
    {
        var everyRun = new RecurringJobOptions { TimeZone = Paris.Zone, MisfireHandling = MisfireHandlingMode.Ignorable };
        foreach (var jobs in declared) jobs.Register(manager, everyRun);
    }

    /// <summary>GET /hangfire: the job dashboard, coordinators only (401 without a token, 403 for other roles).</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new CoordinatorDashboardFilter()],
            DashboardTitle = "Cpts.Agenda — jobs",
            DisplayStorageConnectionString = false,
            TimeZoneResolver = new DefaultTimeZoneResolver(),
            DefaultRecordsPerPage = 50,
        }).ExcludeFromDescription(); // an HTML dashboard, not part of the API contract
        return app;
    }

    /// <summary>
    /// Registers the recurring jobs at start. Each registration takes that job's lock: one left by a process
    /// killed while it scheduled the job makes the registration time out (after 15 s) until the lock's lifetime
    /// is over; the start goes on (the jobs are in the storage from earlier starts) and the registration is
    /// tried again in the background.
    /// </summary>
    private sealed class RecurringJobsRegistration(
        IRecurringJobManager manager, IBackgroundJobClient jobs, IEnumerable<IRecurringJobs> declared, ILogger<RecurringJobsRegistration> logger)
        : BackgroundService
    {
        // The first attempt runs within StartAsync (before the first await), so before the server starts.
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!TryRegister()) await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            foreach (var feature in declared) feature.AfterStart(jobs);
        }

        private bool TryRegister()
        {
            try
            {
                RegisterRecurringJobs(manager, declared);
                return true;
            }
            catch (DistributedLockTimeoutException e)
            {
                logger.LogWarning("Recurring jobs not registered yet: {Resource} is locked (by a process that died?); trying again", e.Resource);
                return false;
            }
        }
    }

    /// <summary>
    /// Hangfire's log provider is process-wide (LibLog): the last host configured wins. A host that
    /// stopped has disposed its logger factory; Hangfire code of another host in the same process
    /// (the tests) then logs nowhere instead of throwing ObjectDisposedException.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
    {
        private readonly AspNetCoreLogProvider _inner = new(factory);

        public Hangfire.Logging.ILog GetLogger(string name)
        {
            try
            {
                return new SafeLog(_inner.GetLogger(name));
            }
            catch (ObjectDisposedException)
            {
                return new SafeLog(null);
            }
        }

        private sealed class SafeLog(Hangfire.Logging.ILog? inner) : Hangfire.Logging.ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
            {
                if (inner is null) return false;
                try
                {
                    return inner.Log(logLevel, messageFunc, exception);
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Hangfire's connections come from the service's one data source (its pool, its password).</summary>
    private sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }

    /// <summary>
    /// The dashboard has no endpoint authorization of its own: it reads the bearer token from the
    /// Authorization header (AuthenticateAsync) and lets coordinators in. The dashboard answers 401
    /// when nobody is authenticated and 403 otherwise.
    /// </summary>
    private sealed class CoordinatorDashboardFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!result.Succeeded) return false;
            http.User = result.Principal;
            return result.Principal.IsInRole(Roles.Coordinator);
        }
    }
}
