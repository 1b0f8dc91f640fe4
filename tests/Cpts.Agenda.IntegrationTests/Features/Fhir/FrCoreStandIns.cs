using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>
/// FR Core 1.1.0 (canonical http://interopsante.org/fhir) is not available here: its package cannot be
/// downloaded and it was never written in FSH. The SAS profiles' snapshots already carry every element
/// constraint FR Core adds (the guide's IG Publisher merged them); what the validator still needs are the
/// definitions they point at — their bases (FrSlot, FrLocation…), the datatype profiles (FrAddress,
/// FrContactPoint, FrHumanName) and FR Core's extensions. Each is stood in for by the R4 definition of its
/// type under the FR Core canonical: neutral (it adds nothing to base R4), so FR Core's own datatype and
/// extension constraints are not checked (docs/SAS.md, "Validator").
/// </summary>
public sealed class FrCoreStandIns(IResourceResolver r4) : IResourceResolver
{
    public const string Prefix = "http://interopsante.org/fhir/StructureDefinition/";

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["FrAppointment"] = "Appointment", ["FrHealthcareService"] = "HealthcareService", ["FrLocation"] = "Location",
        ["FrOrganization"] = "Organization", ["FrPatient"] = "Patient", ["FrPractitioner"] = "Practitioner",
        ["FrPractitionerRoleExercice"] = "PractitionerRole", ["FrRelatedPerson"] = "RelatedPerson", ["FrSchedule"] = "Schedule",
        ["FrSlot"] = "Slot", ["FrAddress"] = "Address", ["FrContactPoint"] = "ContactPoint", ["FrHumanName"] = "HumanName",
    };

    public Resource? ResolveByCanonicalUri(string uri) => ResolveByUri(uri.Split('|')[0]);

    public Resource? ResolveByUri(string uri)
    {
        if (!uri.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var name = uri[Prefix.Length..];
        var type = Types.GetValueOrDefault(name, "Extension"); // every other FR Core definition the profiles name is an extension
#pragma warning disable CS0618 // the resolver interface the validator still calls
        if (r4.ResolveByCanonicalUri($"http://hl7.org/fhir/StructureDefinition/{type}") is not StructureDefinition core) return null;
#pragma warning restore CS0618
        var standIn = (StructureDefinition)core.DeepCopy();
        standIn.Id = name;
        standIn.Url = uri;
        standIn.Name = name;
        standIn.Derivation = StructureDefinition.TypeDerivationRule.Constraint;
        standIn.BaseDefinition = core.Url;
        // An extension is sliced on its url: the definition fixes it.
        if (type == "Extension" && standIn.Snapshot is { } snapshot) snapshot.Element.Single(e => e.Path == "Extension.url").Fixed = new FhirUri(uri);
        return standIn;
    }
}
