using System.Text;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>The edge that reaches the SAS platform; a failure is an exception (the event is retried).</summary>
public interface ISasAppointmentSender
{
    Task SendAsync(SasAppointmentMessage message, CancellationToken ct);
}
