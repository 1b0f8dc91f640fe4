using System.Net.Http.Headers;
using System.Text;
using Task = System.Threading.Tasks.Task;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

public sealed class HttpSasAppointmentSender(HttpClient http, IOptions<SasOptions> options) : ISasAppointmentSender
{
    public async Task SendAsync(SasAppointmentMessage message, CancellationToken ct)
    {
        var endpoint = options.Value.AppointmentEndpoint ?? throw new InvalidOperationException("Sas:AppointmentEndpoint is not set.");
        using var request = new HttpRequestMessage(message.Method, new Uri(new Uri(endpoint.TrimEnd('/') + "/"), message.RelativeUrl))
        {
            Content = new StringContent(FhirHttp.Serialize(message.Appointment), Encoding.UTF8, FhirHttp.JsonType),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirHttp.JsonType));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The SAS platform answered {(int)response.StatusCode}.", null, response.StatusCode);
    }
}
