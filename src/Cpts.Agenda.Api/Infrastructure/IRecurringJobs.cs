using Hangfire;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// A feature's recurring jobs, declared by its module (<c>services.AddRecurringJobs&lt;T&gt;()</c>) and registered by
/// <see cref="Jobs"/> at every start, before the Hangfire servers start. Each job has a constant id, so registering
/// it again updates it instead of adding one; a job a feature no longer wants is removed by its id.
/// </summary>
public interface IRecurringJobs
{
    /// <summary>
    /// Adds or updates (or removes) the feature's recurring jobs. <paramref name="everyRun"/>: the Paris time zone,
    /// a run missed while no server was up is not made up for.
    /// </summary>
    void Register(IRecurringJobManager manager, RecurringJobOptions everyRun);

    /// <summary>Once every feature's recurring jobs are registered: what the feature enqueues at each start (nothing by default).</summary>
    void AfterStart(IBackgroundJobClient jobs)
    {
    }
}
