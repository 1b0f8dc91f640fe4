using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

public static class Fhir
{
    public const string Rpps = "urn:oid:1.2.250.1.71.4.2.1";

    public static readonly FhirJsonDeserializer Parser = new();

    public static T Parse<T>(string json) where T : Resource => Parser.Deserialize<T>(json);

    public static string SlotQuery(DateTimeOffset from, DateTimeOffset to, IEnumerable<string> rpps, bool includes = true)
    {
        var ids = string.Join(",", rpps.Select(r => Uri.EscapeDataString($"{Rpps}|8{r}")));
        var query = $"/fhir/Slot?start=ge{Uri.EscapeDataString(Http.Iso(from))}&start=le{Uri.EscapeDataString(Http.Iso(to))}&status=free" +
                    $"&schedule.actor:Practitioner.identifier={ids}";
        return includes
            ? query + "&_include=Slot:schedule&_include:iterate=Schedule:actor&_include=Slot:service-type-reference&_include:iterate=HealthcareService:organization"
            : query;
    }
}
