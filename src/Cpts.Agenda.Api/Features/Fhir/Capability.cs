using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>GET /fhir/metadata: exactly what this server does, after the guide's SAS-GestionnaireAgenda-CPTS requirements.</summary>
public static class Capability
{
    public const string GuideCanonical = "https://interop.esante.gouv.fr/ig/fhir/sas";

    /// <summary>The guide's SearchParameter SPDateDebutSlot (code start, prefixes ge and le).</summary>
    public const string StartSearchParameter = GuideCanonical + "/SearchParameter/slot-sp-start";

    public static CapabilityStatement Build(SasResources resources, DateTimeOffset now, bool mutualTls)
    {
        var slot = new CapabilityStatement.ResourceComponent
        {
            Type = "Slot",
            Profile = resources.CptsFlow ? SasResources.CptsSlotProfile : SasResources.SlotProfile,
            Interaction = Interactions(),
            SearchInclude = [SearchSlots.IncludeSchedule, SearchSlots.IncludeActor, SearchSlots.IncludeServiceType, SearchSlots.IncludeOrganization],
            SearchParam =
            [
                Param("start", StartSearchParameter, SearchParamType.Date,
                    "Required twice: start=ge<dateTime> and start=le<dateTime> (other prefixes are refused)."),
                Param("status", "http://hl7.org/fhir/SearchParameter/Slot-status", SearchParamType.Token, "Required; only free."),
                Param(SearchSlots.IdentifierParameter, "http://hl7.org/fhir/SearchParameter/Slot-schedule", SearchParamType.Reference,
                    $"Required: 1 to {SearchSlots.MaxPractitioners} comma-separated urn:oid:1.2.250.1.71.4.2.1|8<RPPS>."),
            ],
        };
        var schedule = new CapabilityStatement.ResourceComponent
        {
            Type = "Schedule",
            Profile = SasResources.ScheduleProfile,
            Interaction = Interactions(),
            SearchParam = [Param("actor", "http://hl7.org/fhir/SearchParameter/Schedule-actor", SearchParamType.Reference, "Required: Practitioner/<id>.")],
        };
        var practitioner = new CapabilityStatement.ResourceComponent
        {
            Type = "Practitioner",
            Profile = SasResources.PractitionerProfile,
            Interaction = Interactions(),
            SearchParam =
            [
                Param("identifier", "http://hl7.org/fhir/SearchParameter/Practitioner-identifier", SearchParamType.Token,
                    "Required: urn:oid:1.2.250.1.71.4.2.1|8<RPPS>."),
            ],
        };
        return new CapabilityStatement
        {
            Id = "cpts-agenda",
            Url = $"{resources.FhirBase}/metadata",
            Name = "CptsAgendaSas",
            Title = "Cpts.Agenda — SAS slot server",
            Status = PublicationStatus.Active,
            Experimental = false,
            DateElement = new FhirDateTime(now),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Cpts.Agenda" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Shared agenda of a CPTS", Url = resources.FhirBase },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            ImplementationGuide = [GuideCanonical],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = "Free SNP slots for the SAS platform (INT_R01 / INT_R04), the reads SAS-GestionnaireAgenda-CPTS declares, and SMART Scheduling Links bulk publication.",
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Cors = false,
                        Description = mutualTls
                            ? "Slot, Schedule and Practitioner: mutual TLS, client certificate from the configured CA with an allowed subject (CN/OU). $bulk-publish and its files are public."
                            : "Slot, Schedule and Practitioner: bearer token with role sas (Development). $bulk-publish and its files are public.",
                    },
                    Resource = [slot, schedule, practitioner],
                    Operation =
                    [
                        new CapabilityStatement.OperationComponent
                        {
                            Name = "bulk-publish",
                            Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/bulk-publish",
                            Documentation = "SMART Scheduling Links manifest: NDJSON files of Location, Schedule and Slot (free and busy); _since supported.",
                        },
                    ],
                },
            ],
        };
    }

    /// <summary>read and search-type, as SAS-GestionnaireAgenda-CPTS declares for Slot, Schedule and Practitioner.</summary>
    private static List<CapabilityStatement.ResourceInteractionComponent> Interactions() =>
    [
        new() { Code = CapabilityStatement.TypeRestfulInteraction.Read },
        new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
    ];

    private static CapabilityStatement.SearchParamComponent Param(string name, string definition, SearchParamType type, string documentation) =>
        new() { Name = name, Definition = definition, Type = type, Documentation = documentation };
}
