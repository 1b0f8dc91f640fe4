namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Agenda:Jobs — the Hangfire servers every instance runs (docs/RELIABILITY.md: what a crash leaves behind).</summary>
public sealed class JobsOptions
{
    public const string Section = "Agenda:Jobs";

    /// <summary>
    /// Whether this instance runs Hangfire servers (true). False: it only enqueues and registers jobs, which the
    /// servers of other instances run (a web-only instance; the tests whose host needs no background jobs).
    /// </summary>
    public bool RunServers { get; set; } = true;

    /// <summary>Workers of this instance for the queue "default" (the planning runs bookings enqueue, retention).</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Workers of this instance for the queue "housekeeping": the minute jobs (planning, dispatch, busy calendars, SAS events).</summary>
    public int HousekeepingWorkerCount { get; set; } = 2;

    /// <summary>Workers of this instance for the queue "sends" (notification sends, paced).</summary>
    public int SendWorkerCount { get; set; } = 2;

    /// <summary>How often an idle worker looks for a job.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A job fetched by a process that died is fetched again after this. Sliding: a live process renews its
    /// jobs' fetch time every fifth of it, so a job may run longer (Hangfire.PostgreSql's default: 30 minutes, fixed).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Lifetime of a Hangfire lock row (hangfire.lock): a lock left by a process that died is taken over after
    /// this. Every lock Hangfire takes here lasts one short transaction. At most InvisibilityTimeout, so a job
    /// fetched again after its process died finds that process's state lock expired (Hangfire.PostgreSql's default: 10 minutes).
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long stopping the service waits for running jobs.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
