// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

public sealed class SearchSlotsTests(SasApp app) : IClassFixture<SasApp>
{
    private const string SlotType = "https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau";

    private async Task<(Bundle Bundle, HttpResponseMessage Response)> SearchAsync(string url)
    {
        var response = await app.Sas().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return (Fhir.Parse<Bundle>(body), response);
    }

    [Fact]
    public async Task A_search_answers_the_guides_bundle_with_every_include()
    {
        var gp = await app.NewPractitionerAsync(phone: "03 84 76 54 32");
        var site = await app.NewSiteAsync(city: "Vesoul", postalCode: "70000");
        var start = app.NextHour(2);
        var inPerson = await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        var homeVisit = await app.PublishSlotAsync(gp.Id, start.AddHours(1), siteId: site.Id, mode: "home-visit");
        var tele = await app.PublishSlotAsync(gp.Id, start.AddHours(2), mode: "teleconsultation");

        var (bundle, response) = await SearchAsync(Fhir.SlotQuery(start.AddHours(-1), start.AddHours(5), [gp.Rpps]));

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(3, bundle.Total);
        Assert.Contains(SasResources.CptsBundleProfile, bundle.Meta.Profile);
        var slots = bundle.Entry.Where(e => e.Resource is Slot).ToList();
        Assert.All(slots, e => Assert.Equal(Bundle.SearchEntryMode.Match, e.Search.Mode));
        Assert.Equal([inPerson.ToString(), homeVisit.ToString(), tele.ToString()], slots.Select(e => e.Resource.Id));

        var byId = bundle.Entry.ToDictionary(e => $"{e.Resource.TypeName}/{e.Resource.Id}", e => e.Resource);
        foreach (var (slot, code) in slots.Select(e => (Slot)e.Resource).Zip(new[] { "AMB", "HH", "VR" }))
        {
            Assert.Equal(Slot.SlotStatus.Free, slot.Status);
            Assert.Contains(slot.Meta.Security, c => c.System == SlotType && c.Code == "SNP");
            Assert.Contains(slot.Meta.Security, c => c.System == SlotType && c.Code == "CPTS");
            Assert.Contains(slot.ServiceType, t => t.Coding.Any(c => c.System == "http://terminology.hl7.org/CodeSystem/v3-ActCode" && c.Code == code));
            var cpts = Assert.Single(slot.ServiceType, t => t.Coding.Any(c => c.Code == "604" && c.System!.Contains("TRE_R66", StringComparison.Ordinal)));
            var reference = Assert.IsType<ResourceReference>(cpts.GetExtension("http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType").Value);
            Assert.True(byId.ContainsKey(reference.Reference), reference.Reference);
            Assert.Equal("ROUTINE", Assert.Single(slot.AppointmentType.Coding).Code);
            Assert.Equal("http://terminology.hl7.org/CodeSystem/v2-0276", slot.AppointmentType.Coding[0].System);
            Assert.StartsWith(SasApp.PublicBaseUrl + "/", slot.Comment);
            Assert.Contains(slot.Id, slot.Comment);
            Assert.True(byId.ContainsKey(slot.Schedule.Reference), slot.Schedule.Reference);
            Assert.Equal(Paris.ToLocal(slot.Start!.Value).Offset, slot.Start.Value.Offset); // written in Paris offset
        }

        // One Schedule per practitioner and place: the practice (in-person and home visits) and the teleconsultations.
        var schedules = bundle.Entry.Select(e => e.Resource).OfType<Schedule>().ToList();
        Assert.Equal(2, schedules.Count);
        Assert.All(bundle.Entry.Where(e => e.Resource is not Slot), e => Assert.Equal(Bundle.SearchEntryMode.Include, e.Search.Mode));
        foreach (var schedule in schedules)
        {
            Assert.Contains(schedule.Actor, a => a.Reference == $"Practitioner/{gp.Id}");
            var role = (PractitionerRole)byId[Assert.Single(schedule.Actor, a => a.Reference.StartsWith("PractitionerRole/", StringComparison.Ordinal)).Reference];
            Assert.Equal($"Practitioner/{gp.Id}", role.Practitioner.Reference);
            Assert.Equal("+33384765432", Assert.Single(role.Telecom).Value);
            Assert.Equal("urn:oid:1.2.250.1.71.4.2.2", role.Organization.Identifier.System);
            Assert.Equal("3" + SasApp.Siret, role.Organization.Identifier.Value);
            Assert.Equal("http://interopsante.org/fhir/CodeSystem/fr-v2-0203", role.Organization.Identifier.Type.Coding.Single().System);
            var place = Assert.IsType<Location>(Assert.Single(role.Contained));
            Assert.Equal("#" + place.Id, Assert.Single(role.Location).Reference);
        }
        var places = bundle.Entry.Select(e => e.Resource).OfType<PractitionerRole>().Select(r => (Location)r.Contained[0]).ToList();
        Assert.Contains(places, p => p.Address?.City == "Vesoul" && p.Address.PostalCode == "70000" && p.Address.Line.Single() == "1 rue de Test");
        // A teleconsultation has no site: its place is virtual, at the CPTS's address (FrLocationAgregateur requires one).
        var virtualPlace = Assert.Single(places, p => p.PhysicalType?.Coding.Single().Code == "vi");
        Assert.Equal("2 rue de la CPTS", virtualPlace.Address.Line.Single());
        Assert.Equal(("70000", "Vesoul"), (virtualPlace.Address.PostalCode, virtualPlace.Address.City));
        Assert.Equal("INTRN", Assert.Single(virtualPlace.Identifier).Type.Coding.Single().Code);

        var practitioner = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Practitioner>());
        var id = Assert.Single(practitioner.Identifier);
        Assert.Equal(Fhir.Rpps, id.System);
        Assert.Equal("8" + gp.Rpps, id.Value);
        Assert.Equal("IDNPS", id.Type.Coding.Single().Code);
        Assert.Equal("http://interopsante.org/fhir/CodeSystem/fr-v2-0203", id.Type.Coding.Single().System);

        var service = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<HealthcareService>());
        var organization = (Organization)byId[service.ProvidedBy.Reference];
        var finess = Assert.Single(organization.Identifier);
        Assert.Equal("urn:oid:1.2.250.1.71.4.2.2", finess.System);
        Assert.Equal("1" + SasApp.Finess, finess.Value);
        Assert.Equal("IDNST", finess.Type.Coding.Single().Code);
        // sas-cpts-organization-aggregator fixes FR Core 2's code system here (unlike the other profiles of the guide).
        Assert.Equal("https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203", finess.Type.Coding.Single().System);
        Assert.Equal("+33384112233", organization.Telecom.Single().Value);
    }

    [Fact]
    public async Task A_teleconsultation_is_placed_at_the_practitioners_practice_address_when_the_directory_has_it()
    {
        var response = await app.Coordinator().PostJsonAsync("/api/practitioners", new
        {
            rpps = AgendaApp.NewRpps(), firstName = "Léa", lastName = "Cabinet", profession = "generalist", postalCode = "70170",
            practiceAddress = "8 place de l'Église", city = "Port-sur-Saône",
        });
        var gp = await response.ShouldBe(HttpStatusCode.Created);
        var start = app.NextHour(7);
        await app.PublishSlotAsync(gp.GetProperty("id").GetGuid(), start, mode: "teleconsultation");
        var (bundle, _) = await SearchAsync(Fhir.SlotQuery(start, start, [gp.GetProperty("rpps").GetString()]));
        var place = (Location)Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<PractitionerRole>()).Contained.Single();
        Assert.Equal(("8 place de l'Église", "70170", "Port-sur-Saône"), (place.Address.Line.Single(), place.Address.PostalCode, place.Address.City));
    }

    [Fact]
    public async Task Empty_elements_are_omitted_from_the_json()
    {
        var gp = await app.NewPractitionerAsync(); // no phone
        var start = app.NextHour(3);
        await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation");
        var response = await app.Sas().GetAsync(Fhir.SlotQuery(start, start, [gp.Rpps]));
        var json = await response.Content.ReadAsStringAsync();
        var role = Assert.Single(Fhir.Parse<Bundle>(json).Entry.Select(e => e.Resource).OfType<PractitionerRole>());
        Assert.Empty(role.Telecom); // no phone: no telecom element at all
        json.ShouldContainNone("\"telecom\":[{\"system\":\"phone\"}]", "[]", "null", "\"\"");
    }

    [Fact]
    public async Task No_match_is_an_empty_searchset_not_a_404()
    {
        var start = app.NextHour();
        var (bundle, _) = await SearchAsync(Fhir.SlotQuery(start, start.AddDays(2), [AgendaApp.NewRpps()]));
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(0, bundle.Total);
        Assert.Empty(bundle.Entry);
        Assert.Equal("self", Assert.Single(bundle.Link).Relation);
    }

    [Fact]
    public async Task Twenty_five_practitioners_are_searched_at_once_and_a_26th_is_refused()
    {
        var start = app.NextHour(4);
        var gps = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var gp = await app.NewPractitionerAsync();
            await app.PublishSlotAsync(gp.Id, start.AddMinutes(i % 3 * 20), mode: "teleconsultation");
            gps.Add(gp.Rpps);
        }
        var (bundle, _) = await SearchAsync(Fhir.SlotQuery(start, start.AddHours(1), gps));
        Assert.Equal(25, bundle.Total);
        Assert.Equal(25, bundle.Entry.Select(e => e.Resource).OfType<Practitioner>().Count());
        Assert.Equal(gps.Select(r => "8" + r).Order(),
            bundle.Entry.Select(e => e.Resource).OfType<Practitioner>().Select(p => p.Identifier.Single().Value).Order());

        var response = await app.Sas().GetAsync(Fhir.SlotQuery(start, start.AddHours(1), [.. gps, AgendaApp.NewRpps()]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = Fhir.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Contains("25", Assert.Single(outcome.Issue).Diagnostics);
    }

    [Fact]
    public async Task CPTS_only_booked_and_withdrawn_slots_never_reach_the_SAS()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(5);
        var site = await app.NewSiteAsync();
        var sasSlot = await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        await app.PublishSlotAsync(gp.Id, start.AddMinutes(20), siteId: site.Id, visibility: "cpts");
        var booked = await app.PublishSlotAsync(gp.Id, start.AddMinutes(40), siteId: site.Id);
        await app.BookAsync(app.Regulator(), booked);
        var withdrawn = await app.PublishSlotAsync(gp.Id, start.AddMinutes(60), siteId: site.Id);
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{withdrawn}")).ShouldBe(HttpStatusCode.NoContent);

        var (bundle, _) = await SearchAsync(Fhir.SlotQuery(start.AddHours(-1), start.AddHours(3), [gp.Rpps]));
        Assert.Equal(sasSlot.ToString(), Assert.Single(bundle.Entry, e => e.Resource is Slot).Resource.Id);
        Assert.Equal(1, bundle.Total);
    }

    [Fact]
    public async Task The_period_bounds_are_inclusive_and_an_unencoded_plus_of_the_offset_is_understood()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(6);
        var slot = await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation");
        await app.PublishSlotAsync(gp.Id, start.AddMinutes(30), mode: "teleconsultation");
        var local = Paris.Format(start); // 2026-…T…+01:00, sent with a raw '+' as the guide's examples do
        var url = $"/fhir/Slot?start=ge{local}&start=le{local}&status=free&schedule.actor:Practitioner.identifier={Fhir.Rpps}|8{gp.Rpps}";
        var (bundle, _) = await SearchAsync(url);
        Assert.Equal(slot.ToString(), Assert.Single(bundle.Entry).Resource.Id); // no _include: slots only
    }

    [Theory]
    [InlineData("status=free&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|812345678901", "start")]
    [InlineData("start=ge2026-01-01&start=le2026-01-02&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|812345678901", "status")]
    [InlineData("start=ge2026-01-01&start=le2026-01-02&status=free", "schedule.actor")]
    [InlineData("start=ge2026-01-01&start=le2026-01-02&status=free&schedule.actor:Practitioner.identifier=urn:other|812345678901", "system")]
    [InlineData("start=gt2026-01-01&start=le2026-01-02&status=free&schedule.actor:Practitioner.identifier=812345678901", "prefixes")]
    [InlineData("start=ge2026-01-03&start=le2026-01-02&status=free&schedule.actor:Practitioner.identifier=812345678901", "before")]
    public async Task Malformed_searches_answer_400_with_an_OperationOutcome(string query, string mentioned)
    {
        var response = await app.Sas().GetAsync("/fhir/Slot?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = Fhir.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueType.Invalid, issue.Code);
        Assert.Contains(mentioned, issue.Diagnostics);
    }

    [Fact]
    public async Task Only_the_SAS_platform_may_search()
    {
        var url = Fhir.SlotQuery(app.NextHour(), app.NextHour(2), [AgendaApp.NewRpps()]);
        var regulator = await app.Regulator().GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, regulator.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, Fhir.Parse<OperationOutcome>(await regulator.Content.ReadAsStringAsync()).Issue.Single().Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Coordinator().GetAsync(url)).StatusCode);
        var anonymous = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/fhir+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_CapabilityStatement_lists_what_is_supported()
    {
        var response = await app.CreateClient().GetAsync("/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capability = Fhir.Parse<CapabilityStatement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(FHIRVersion.N4_0_1, capability.FhirVersion);
        Assert.Contains("https://interop.esante.gouv.fr/ig/fhir/sas", capability.ImplementationGuide);
        var rest = Assert.Single(capability.Rest);
        // As SAS-GestionnaireAgenda-CPTS declares: Slot, Schedule and Practitioner, each read and search-type.
        Assert.Equal(["Slot", "Schedule", "Practitioner"], rest.Resource.Select(r => r.Type));
        Assert.All(rest.Resource, r => Assert.Equal(
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], r.Interaction.Select(i => i.Code)));
        var slot = rest.Resource[0];
        Assert.Equal(SasResources.CptsSlotProfile, slot.Profile);
        Assert.Equal(["Slot:schedule", "Schedule:actor", "Slot:service-type-reference", "HealthcareService:organization"], slot.SearchInclude);
        Assert.Equal(["start", "status", "schedule.actor:Practitioner.identifier"], slot.SearchParam.Select(p => p.Name));
        Assert.Equal("https://interop.esante.gouv.fr/ig/fhir/sas/SearchParameter/slot-sp-start", slot.SearchParam[0].Definition);
        Assert.Equal("actor", Assert.Single(rest.Resource[1].SearchParam).Name);
        Assert.Equal("identifier", Assert.Single(rest.Resource[2].SearchParam).Name);
        Assert.Equal("bulk-publish", Assert.Single(rest.Operation).Name);
    }
}
