using Cpts.Agenda.Api.Features.Calendars;
using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.Api.Features.Notifications;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Agenda:Jobs — the Hangfire server every instance runs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Agenda:Jobs";

    /// <summary>Workers of this instance's server.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Workers of this instance's server for the send queue (notification sends, paced).</summary>
    public int SendWorkerCount { get; set; } = 2;

    /// <summary>How often an idle worker looks for a job.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A job fetched by a process that died is fetched again after this (Hangfire.PostgreSql's default is 30 minutes).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long stopping the service waits for running jobs.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Hangfire on the service's own PostgreSQL database, in the schema <c>hangfire</c>; a server in every
/// instance; every recurring job registered here, with a constant id and the Paris time zone.
/// Storage, activator and clients are this host's own services (never Hangfire's static globals),
/// so two hosts in one process (the tests) never share a storage.
/// </summary>
public static class Jobs
{
    public const string Schema = "hangfire";

    /// <summary>The queue of the notification send jobs, served by its own workers.</summary>
    public const string SendsQueue = "sends";
    public const string DashboardPath = "/hangfire";

    // Constant ids: registering again at every start updates the job instead of adding one.
    public const string PlanNotifications = "notifications-plan";
    public const string DispatchNotifications = "notifications-dispatch";
    public const string ErasePatientIdentities = "retention-erase-patient-identities";
    public const string RefreshBusyCalendars = "calendars-refresh-busy";
    public const string SendSasAppointmentEvents = "sas-appointment-events-send";

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
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = options.WorkerCount;
            o.ShutdownTimeout = options.ShutdownTimeout;
            o.ServerName = instance;
        });
        // Sends have their own queue and workers: a backlog of paced sends never holds up the planning,
        // the busy-calendar refresh or the SAS events of the default queue.
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = options.SendWorkerCount;
            o.ShutdownTimeout = options.ShutdownTimeout;
            o.ServerName = instance + ":" + SendsQueue;
            o.Queues = [SendsQueue];
        });
        return builder;
    }

    public static PostgreSqlStorageOptions StorageOptions(JobsOptions options) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        InvisibilityTimeout = options.InvisibilityTimeout,
        QueuePollInterval = options.QueuePollInterval,
    };

    /// <summary>Every recurring job of the service, in one place.</summary>
    public static void RegisterRecurringJobs(IRecurringJobManager manager, SasOptions sas)
    {
        var everyRun = new RecurringJobOptions { TimeZone = Paris.Zone, MisfireHandling = MisfireHandlingMode.Ignorable };
        manager.AddOrUpdate<NotificationJobs>(PlanNotifications, j => j.PlanAsync(null, CancellationToken.None), Cron.Minutely(), everyRun);
        manager.AddOrUpdate<NotificationJobs>(DispatchNotifications, j => j.DispatchAsync(CancellationToken.None), Cron.Minutely(), everyRun);
        manager.AddOrUpdate<NotificationJobs>(ErasePatientIdentities, j => j.ErasePatientIdentitiesAsync(CancellationToken.None), Cron.Daily(3, 15), everyRun);
        manager.AddOrUpdate<CalendarJobs>(RefreshBusyCalendars, j => j.RefreshDueAsync(CancellationToken.None), Cron.Minutely(), everyRun);
        // INT_R03: only where a SAS endpoint is configured and the sender enabled; otherwise removed (the
        // storage is shared by every instance, so a configuration change takes effect at the next start).
        if (sas.SendsAppointments)
            manager.AddOrUpdate<SasJobs>(SendSasAppointmentEvents, j => j.SendPendingAsync(CancellationToken.None), Cron.Minutely(), everyRun);
        else
            manager.RemoveIfExists(SendSasAppointmentEvents);
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

    private sealed class RecurringJobsRegistration(IRecurringJobManager manager, IOptions<SasOptions> sas) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            RegisterRecurringJobs(manager, sas.Value);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
