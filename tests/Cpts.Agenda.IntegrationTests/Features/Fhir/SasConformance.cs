// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;
using Xunit.Abstractions;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>
/// Every kind of FHIR answer of the SAS interface, validated by Firely's validator against base R4 and against
/// the SAS guide 1.2.0's profiles (fhir-profiles/): no error anywhere; each warning is one that docs/SAS.md
/// explains (<see cref="Explained"/>), any other fails the test.
/// </summary>
public abstract class SasConformance(AgendaApp app, ITestOutputHelper output)
{
    /// <summary>The warnings the validator gives on our answers; docs/SAS.md ("Validator") explains each.</summary>
    public static readonly string[] Explained =
    [
        // Value sets outside the R4 specification and the guide's package: the ANS terminology server (JDV) and FR Core 1.1.0.
        "valueset 'https://mos.esante.gouv.fr/NOS/JDV_J165-TypeCreneau-SAS/FHIR/JDV-J165-TypeCreneau-SAS' is unknown",
        "valueset 'http://interopsante.org/fhir/ValueSet/fr-practitioner-specialty' is unknown",
        // CapabilityStatement.format: BCP-13 (MIME types) is not a code system a local terminology service can expand.
        "cannot find codesystem 'urn:ietf:bcp:13'",
        // SMART Scheduling Links' extension, defined by that specification, not by a FHIR package.
        "Unable to resolve reference to extension 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link'",
    ];

    protected static FhirProfiles Profiles => FhirProfiles.Shared;

    /// <summary>Validates against base R4, then against the profile; fails on any error or unexplained warning.</summary>
    protected void AssertConforms(Resource resource, string profile = null)
    {
        var issues = Profiles.ValidateBase(resource).Select(i => (against: "R4", i)).ToList();
        if (profile is not null) issues.AddRange(Profiles.Validate(resource, profile).Select(i => (against: profile, i)));
        foreach (var (against, issue) in issues) output.WriteLine($"{resource.TypeName}/{resource.Id} against {against}: {issue}");
        Assert.DoesNotContain(issues, i => i.i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
        Assert.All(issues, i => Assert.True(Explained.Any(e => i.i.What.Contains(e, StringComparison.Ordinal)), $"Unexplained warning against {i.against}: {i.i}"));
    }

    protected async Task<T> ReadAsync<T>(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) where T : Resource
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(FhirHttp.JsonType, response.Content.Headers.ContentType?.MediaType);
        return Fhir.Parse<T>(body);
    }

    /// <summary>A GP with a phone, a practice, and three slots: in person, home visit, teleconsultation.</summary>
    protected async Task<(PractitionerDto Gp, DateTimeOffset Start)> PublishedAsync(int hoursAhead)
    {
        var gp = await app.NewPractitionerAsync(phone: "03 84 76 54 32");
        var site = await app.NewSiteAsync(city: "Vesoul", postalCode: "70000");
        var start = app.NextHour(hoursAhead);
        await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        await app.PublishSlotAsync(gp.Id, start.AddMinutes(30), siteId: site.Id, mode: "home-visit");
        await app.PublishSlotAsync(gp.Id, start.AddMinutes(60), mode: "teleconsultation");
        return (gp, start);
    }

    protected async Task<Bundle> SearchAsync(PractitionerDto gp, DateTimeOffset start) =>
        await ReadAsync<Bundle>(app.Sas(), Fhir.SlotQuery(start.AddHours(-1), start.AddHours(2), [gp.Rpps]));

    /// <summary>The searchset of a new GP's three slots (<see cref="PublishedAsync"/>): all three found.</summary>
    protected async Task<Bundle> ThreeSlotSearchsetAsync()
    {
        var (gp, start) = await PublishedAsync(2);
        var bundle = await SearchAsync(gp, start);
        Assert.Equal(3, bundle.Total);
        return bundle;
    }
}
