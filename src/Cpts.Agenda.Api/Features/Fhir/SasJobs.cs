using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The Hangfire job draining the SAS appointment outbox, every minute (declared in SasRecurringJobs)
/// when Sas:AppointmentEndpoint is set and Sas:SenderEnabled. Safe to run twice
/// or on two instances at once: the handler claims rows with SKIP LOCKED. Hangfire's own retries are
/// off: a failed event is retried by its own schedule (attempts, next_attempt_at).
/// </summary>
public sealed class SasJobs(IMediator mediator)
{
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task SendPendingAsync(CancellationToken ct) => await mediator.Send(new SendPendingSasEvents.Command(), ct);
}
