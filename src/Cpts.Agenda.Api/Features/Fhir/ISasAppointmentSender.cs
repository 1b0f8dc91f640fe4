using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>The edge that reaches the SAS platform; a failure is an exception (the event is retried).</summary>
public interface ISasAppointmentSender
{
    Task SendAsync(SasAppointmentMessage message, CancellationToken ct);
}
