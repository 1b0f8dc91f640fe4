using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;
using NSubstitute;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>The service as the SAS platform sees it: a CPTS with a FINESS, a public URL, and the INT_R03 sender substituted.</summary>
public class SasApp : AgendaApp
{
    public const string PublicBaseUrl = "https://agenda.cpts-test.fr";
    public const string Finess = "950047225";
    public const string Siret = "12345678900017";

    public ISasAppointmentSender Sender { get; } = Substitute.For<ISasAppointmentSender>();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:PublicBaseUrl"] = PublicBaseUrl,
        ["Agenda:Cpts:Finess"] = Finess,
        ["Agenda:Cpts:Siret"] = Siret,
        ["Agenda:Cpts:Name"] = "CPTS Vesoul Test",
        ["Agenda:Cpts:Phone"] = "03 84 11 22 33",
        ["Agenda:Cpts:Address"] = "2 rue de la CPTS",
        ["Agenda:Cpts:PostalCode"] = "70000",
        ["Agenda:Cpts:City"] = "Vesoul",
        ["Sas:AppointmentEndpoint"] = "https://sas.example.invalid/fhir",
        ["Sas:SenderEnabled"] = "false",
        ["Sas:MaxAttempts"] = "3",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Sender);

    /// <summary>The messages handed to the substituted sender for these bookings, in the order they were sent.</summary>
    public List<SasAppointmentMessage> SentFor(params IEnumerable<Guid> bookingIds) => Sender.ReceivedCalls()
        .Select(c => c.GetArguments()[0]).OfType<SasAppointmentMessage>().Where(m => bookingIds.Contains(m.BookingId)).ToList();
}
