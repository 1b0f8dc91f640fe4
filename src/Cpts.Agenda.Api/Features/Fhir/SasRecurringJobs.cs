using Hangfire;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The recurring job of the SAS interface (declared in FhirModule, registered at start by Infrastructure/Jobs.cs):
/// INT_R03, the appointment events sent every minute on the queue "housekeeping" (<see cref="SasJobs"/>), only where
/// a SAS endpoint is configured and the sender enabled; otherwise the job is removed (the storage is shared by every
/// instance, so a configuration change takes effect at the next start).
/// </summary>
public sealed class SasRecurringJobs(IOptions<SasOptions> sas) : IRecurringJobs
{
    /// <summary>Constant id: registering again at every start updates the job instead of adding one.</summary>
    public const string SendAppointmentEventsId = "sas-appointment-events-send";

    public void Register(IRecurringJobManager manager, RecurringJobOptions everyRun)
    {
        if (sas.Value.SendsAppointments)
            manager.AddOrUpdate<SasJobs>(SendAppointmentEventsId, Jobs.HousekeepingQueue, j => j.SendPendingAsync(CancellationToken.None), Cron.Minutely(), everyRun);
        else
            manager.RemoveIfExists(SendAppointmentEventsId);
    }
}
