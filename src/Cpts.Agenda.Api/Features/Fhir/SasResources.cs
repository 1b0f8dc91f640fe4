using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The guide's resources (ANS "Service d'Accès aux Soins", FHIR 4.0.1 on FR Core): FrScheduleAgregateur,
/// FrPractitionerAgregateur, FrPractitionerRoleExerciceAgregateur (with its FrLocationAgregateur contained),
/// sas-cpts-healthcareservice-aggregator, sas-cpts-organization-aggregator, and the codes and profiles of
/// FrSlotAgregateur / sas-cpts-slot-aggregator, whose JSON <see cref="SlotSearchsetWriter"/> writes.
/// </summary>
public sealed class SasResources(CptsOptions cpts, string publicBaseUrl)
{
    public const string RppsSystem = "urn:oid:1.2.250.1.71.4.2.1";
    public const string StructureSystem = "urn:oid:1.2.250.1.71.4.2.2";
    /// <summary>FR Core 1.1.0's identifier types (canonical http://interopsante.org/fhir), which the guide's
    /// Practitioner, PractitionerRole.organization and Appointment profiles fix.</summary>
    public const string V20203 = "http://interopsante.org/fhir/CodeSystem/fr-v2-0203";

    /// <summary>The identifier types of FR Core 2 (https://hl7.fr/ig/fhir/core), which the guide's
    /// sas-cpts-organization-aggregator alone fixes (alias $fr-v2-0203 of its aliases.fsh).</summary>
    public const string FrCoreV20203 = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203";
    public const string LocationIdentifierType = "http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type";
    public const string SlotTypeSystem = "https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau";
    public const string CategorySystem = "https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement";
    public const string SpecialtySystem = "https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string V20276 = "http://terminology.hl7.org/CodeSystem/v2-0276";
    public const string ServiceTypeReferenceExtension = "http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType";
    public const string CptsCategoryCode = "604";
    public const string GeneralPracticeCode = "SM54";
    public const string GeneralPracticeText = "Médecine générale";

    public const string SlotProfile = "http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur";
    public const string CptsSlotProfile = "https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-slot-aggregator";
    public const string BundleProfile = "http://sas.fr/fhir/StructureDefinition/BundleAgregateur";
    public const string CptsBundleProfile = "https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator";
    public const string ScheduleProfile = "http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur";
    public const string PractitionerProfile = "http://sas.fr/fhir/StructureDefinition/FrPractitionerAgregateur";
    public const string PractitionerRoleProfile = "http://sas.fr/fhir/StructureDefinition/FrPractitionerRoleExerciceAgregateur";
    public const string LocationProfile = "http://sas.fr/fhir/StructureDefinition/FrLocationAgregateur";
    public const string HealthcareServiceProfile = "https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-healthcareservice-aggregator";
    public const string OrganizationProfile = "https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-organization-aggregator";

    /// <summary>CPTS flow (INT_R04) when the CPTS's FINESS is configured, else the individual-GP flow (INT_R01).</summary>
    public bool CptsFlow => cpts.HasFiness;

    public string BaseUrl => publicBaseUrl;
    public string FhirBase => publicBaseUrl + "/fhir";

    /// <summary>Where a person books the slot: the guide's Slot.comment and SMART's booking-deep-link.</summary>
    public string BookingUrl(Guid slotId) => $"{publicBaseUrl}/rendez-vous/{slotId}";

    public static string ScheduleId(SasSlotRow s) => DeterministicId("schedule", s.PractitionerId, s.SiteId);
    public static string RoleId(SasSlotRow s) => DeterministicId("role", s.PractitionerId, s.SiteId);
    public string HealthcareServiceId => DeterministicId("healthcare-service:" + cpts.Finess, null, null);
    public string OrganizationId => DeterministicId("organization:" + cpts.Finess, null, null);

    /// <summary>A stable id for a derived resource (schedule of a practitioner at a place...): a name-based UUID (SHA-256 of the names).</summary>
    public static string DeterministicId(string kind, Guid? a, Guid? b)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{a}|{b}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 layout (name-based, SHA hash)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static string ConsultationCode(string mode) => mode switch
    {
        "home-visit" => "HH",
        "teleconsultation" => "VR",
        _ => "AMB",
    };

    public static string ConsultationText(string mode) => mode switch
    {
        "home-visit" => "Visite à domicile",
        "teleconsultation" => "Téléconsultation",
        _ => "Consultation au cabinet",
    };

    public static Schedule Schedule(SasSlotRow s) => new()
    {
        Id = ScheduleId(s),
        Meta = new Meta { Profile = [ScheduleProfile] },
        Actor = [new ResourceReference($"Practitioner/{s.PractitionerId}"), new ResourceReference($"PractitionerRole/{RoleId(s)}")],
    };

    public static Identifier RppsIdentifier(string rpps) => new(RppsSystem, "8" + rpps) { Type = new CodeableConcept(V20203, "IDNPS") };

    public static Practitioner Practitioner(SasSlotRow s) => new()
    {
        Id = s.PractitionerId.ToString(),
        Meta = new Meta { Profile = [PractitionerProfile] },
        Identifier = [RppsIdentifier(s.Rpps)],
        Name = [new HumanName { Family = s.LastName, Given = [s.FirstName] }],
    };

    public PractitionerRole PractitionerRole(SasSlotRow s)
    {
        var role = new PractitionerRole
        {
            Id = RoleId(s),
            Meta = new Meta { Profile = [PractitionerRoleProfile] },
            Contained = [Location(s, contained: true)],
            Practitioner = new ResourceReference($"Practitioner/{s.PractitionerId}"),
            Location = [new ResourceReference("#place")],
        };
        if (cpts.Siret is { Length: 14 } siret && siret.All(char.IsAsciiDigit))
        {
            role.Organization = new ResourceReference
            {
                Identifier = new Identifier(StructureSystem, "3" + siret) { Type = new CodeableConcept(V20203, "IDNST") },
            };
        }
        if (Phone(s.Phone) is { } phone) role.Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone)];
        return role;
    }

    /// <summary>
    /// The place of a schedule: the site, or for a teleconsultation without a site a virtual location at the
    /// practitioner's practice address, else the CPTS's (FrLocationAgregateur requires an address). Outside the
    /// PractitionerRole (SMART files) it carries a phone: the site's, else the CPTS's.
    /// </summary>
    public Location Location(SasSlotRow s, bool contained)
    {
        var location = new Location
        {
            Id = contained ? "place" : LocationId(s),
            Meta = contained ? new Meta { Profile = [LocationProfile] } : null,
        };
        if (s.SiteId is { } siteId)
        {
            location.Identifier = [new Identifier($"{publicBaseUrl}/sites", siteId.ToString()) { Type = new CodeableConcept(LocationIdentifierType, "INTRN") }];
            location.Name = s.SiteName;
            location.Address = new Address { Line = [s.Address!], City = s.City, PostalCode = s.PostalCode, Country = "FR" };
            if (s.Latitude is { } lat && s.Longitude is { } lon)
                location.Position = new Location.PositionComponent { Latitude = (decimal)lat, Longitude = (decimal)lon };
        }
        else
        {
            location.Identifier = [new Identifier($"{publicBaseUrl}/locations", VirtualLocationId) { Type = new CodeableConcept(LocationIdentifierType, "INTRN") }];
            location.Name = "Téléconsultation";
            location.PhysicalType = new CodeableConcept("http://terminology.hl7.org/CodeSystem/location-physical-type", "vi") { Text = "Virtual" };
            if (!string.IsNullOrWhiteSpace(s.PracticeAddress) && !string.IsNullOrWhiteSpace(s.PracticePostalCode) && !string.IsNullOrWhiteSpace(s.PracticeCity))
                location.Address = new Address { Line = [s.PracticeAddress], City = s.PracticeCity, PostalCode = s.PracticePostalCode, Country = "FR" };
            else if (cpts.HasAddress)
                location.Address = new Address { Line = [cpts.Address!], City = cpts.City, PostalCode = cpts.PostalCode, Country = "FR" };
        }
        if (!contained && (Phone(s.SitePhone) ?? Phone(cpts.Phone)) is { } phone) location.Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone)];
        return location;
    }

    public const string VirtualLocationId = "teleconsultation";

    public static string LocationId(SasSlotRow s) => s.SiteId?.ToString() ?? VirtualLocationId;

    public HealthcareService HealthcareService() => new()
    {
        Id = HealthcareServiceId,
        Meta = new Meta { Profile = [HealthcareServiceProfile] },
        ProvidedBy = new ResourceReference($"Organization/{OrganizationId}"),
        Name = $"{cpts.Name} — soins non programmés",
    };

    public Organization Organization()
    {
        var org = new Organization
        {
            Id = OrganizationId,
            Meta = new Meta { Profile = [OrganizationProfile] },
            Identifier = [new Identifier(StructureSystem, "1" + cpts.Finess) { Type = new CodeableConcept(FrCoreV20203, "IDNST") }],
            Name = cpts.Name,
        };
        if (Phone(cpts.Phone) is { } phone) org.Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone)];
        return org;
    }

    /// <summary>A French phone number in the international form the guide shows (+33…), or null when it is not one.</summary>
    public static string? Phone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var plus = raw.TrimStart().StartsWith('+');
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        if (plus) return digits.Length is >= 8 and <= 15 ? "+" + digits : null;
        if (digits.StartsWith("0033", StringComparison.Ordinal)) digits = "0" + digits[4..];
        return digits.Length == 10 && digits[0] == '0' ? "+33" + digits[1..] : null;
    }
}
