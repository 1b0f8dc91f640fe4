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

/// <summary>INT_R04, the CPTS flow, and everything else the interface answers.</summary>
public sealed class SasConformanceTests(SasApp app, ITestOutputHelper output) : SasConformance(app, output), IClassFixture<SasApp>
{
    [Fact]
    public async Task The_CPTS_searchset_conforms_to_the_CPTS_bundle_profile()
    {
        var bundle = await ThreeSlotSearchsetAsync();
        Assert.Contains(bundle.Entry, e => e.Resource is Organization);
        AssertConforms(bundle, SasResources.CptsBundleProfile);
    }

    [Fact]
    public async Task An_empty_CPTS_searchset_is_total_0_and_breaks_only_the_slice_minimums_the_guide_contradicts()
    {
        var start = app.NextHour(3);
        var empty = await ReadAsync<Bundle>(app.Sas(), Fhir.SlotQuery(start, start.AddHours(1), [AgendaApp.NewRpps()]));
        Assert.Equal(0, empty.Total);
        Assert.Empty(empty.Entry);
        AssertConforms(empty);
        // The page "CPTS - Recherche des créneaux" says an empty result is total: 0, while sas-cpts-bundle-aggregator
        // requires at least one Slot, Schedule, Practitioner and PractitionerRole entry (docs/SAS.md).
        var errors = Profiles.Validate(empty, SasResources.CptsBundleProfile)
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).Select(i => i.What).Order();
        string[] slices = ["slotAgregateurCPTS", "scheduleAgregateurCPTS", "practitionerAgregateur", "practitionerRole"];
        Assert.Equal(slices.Select(s => $"No elements matched required slice: 'entry:{s}'").Append("Missing required member: 'entry'").Order(), errors);
    }

    [Fact]
    public async Task The_metadata_conforms()
    {
        var capability = await ReadAsync<CapabilityStatement>(app.CreateClient(), "/fhir/metadata");
        AssertConforms(capability);
    }

    [Fact]
    public async Task The_reads_the_CapabilityStatement_declares_conform()
    {
        var (gp, start) = await PublishedAsync(4);
        var bundle = await SearchAsync(gp, start);
        var slot = bundle.Entry.Select(e => e.Resource).OfType<Slot>().First();
        AssertConforms(await ReadAsync<Slot>(app.Sas(), $"/fhir/Slot/{slot.Id}"), SasResources.CptsSlotProfile);
        AssertConforms(await ReadAsync<Schedule>(app.Sas(), $"/fhir/{slot.Schedule.Reference}"), SasResources.ScheduleProfile);
        AssertConforms(await ReadAsync<Practitioner>(app.Sas(), $"/fhir/Practitioner/{gp.Id}"), SasResources.PractitionerProfile);
        AssertConforms(await ReadAsync<Bundle>(app.Sas(), $"/fhir/Schedule?actor=Practitioner/{gp.Id}"));
        AssertConforms(await ReadAsync<Bundle>(app.Sas(), $"/fhir/Practitioner?identifier={Fhir.Rpps}|8{gp.Rpps}"));
        AssertConforms(await ReadAsync<OperationOutcome>(app.Sas(), $"/fhir/Slot/{Guid.NewGuid()}", HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_SMART_files_conform_to_base_R4()
    {
        var (gp, start) = await PublishedAsync(6);
        var client = app.CreateClient();
        var manifest = await (await client.GetAsync("/fhir/$bulk-publish")).ShouldBe(HttpStatusCode.OK);
        var since = manifest.GetProperty("transactionTime").GetString();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var slots = (await SearchAsync(gp, start)).Entry.Select(e => e.Resource).OfType<Slot>().ToList();
        await app.BookAsync(app.Regulator(), Guid.Parse(slots[0].Id));
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{slots[1].Id}")).ShouldBe(HttpStatusCode.NoContent);

        foreach (var url in new[] { "/fhir/bulk/Location.ndjson", "/fhir/bulk/Schedule.ndjson", "/fhir/bulk/Slot.ndjson", $"/fhir/bulk/Slot.ndjson?_since={Uri.EscapeDataString(since)}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            foreach (var line in lines) AssertConforms(Fhir.Parse<Resource>(line));
        }
    }

    [Fact]
    public async Task Appointments_booked_cancelled_fulfilled_and_no_show_conform_to_FrAppointmentSAS()
    {
        var start = app.NextHour(8);
        var (gp, slots) = await app.PublishTeleconsultationsAsync(start, start.AddMinutes(30), start.AddMinutes(60));
        var bookings = new List<Guid>();
        foreach (var slot in slots) bookings.Add((await app.BookAsync(app.Regulator(), slot)).Id());
        await (await app.Regulator().PostJsonAsync($"/api/bookings/{bookings[0]}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(start.AddHours(3) - app.Clock.GetUtcNow());
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/bookings/{bookings[1]}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/bookings/{bookings[2]}/outcome", new { status = "no-show" })).ShouldBe(HttpStatusCode.OK);
        await app.RunAsync(new SendPendingSasEvents.Command());

        var sent = app.SentFor(bookings);
        Appointment.AppointmentStatus?[] all =
            [Appointment.AppointmentStatus.Booked, Appointment.AppointmentStatus.Cancelled, Appointment.AppointmentStatus.Fulfilled, Appointment.AppointmentStatus.Noshow];
        Assert.Equal(all.Order(), sent.Select(m => m.Appointment.Status).Distinct().Order());
        foreach (var message in sent)
            AssertConforms(Fhir.Parse<Appointment>(FhirHttp.Serialize(message.Appointment)), SendPendingSasEvents.FrAppointmentSasProfile);
    }
}

/// <summary>The service of a CPTS without a FINESS: the individual-GP flow (INT_R01).</summary>
public sealed class SasIndividualApp : SasApp
{
    protected override IDictionary<string, string> Settings =>
        base.Settings.Where(s => s.Key != "Agenda:Cpts:Finess").ToDictionary(s => s.Key, s => s.Value);
}

/// <summary>INT_R01, the individual-GP flow.</summary>
public sealed class SasIndividualConformanceTests(SasIndividualApp app, ITestOutputHelper output) : SasConformance(app, output), IClassFixture<SasIndividualApp>
{
    [Fact]
    public async Task The_individual_searchset_conforms_to_the_BundleAgregateur_profile()
    {
        var bundle = await ThreeSlotSearchsetAsync();
        Assert.Contains(SasResources.BundleProfile, bundle.Meta.Profile);
        AssertConforms(bundle, SasResources.BundleProfile);
    }
}
