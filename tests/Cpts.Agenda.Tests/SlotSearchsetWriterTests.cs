// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using System.IO.Pipelines;
using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Tests;

/// <summary>The searchset written by hand, read back with the Firely SDK, in both flows of the guide.</summary>
public sealed class SlotSearchsetWriterTests
{
    private const string Base = "https://agenda.cpts-test.fr";

    private static SasSlotRow Row(string mode, string profession, Guid? siteId, DateTimeOffset start) => new()
    {
        Id = Guid.NewGuid(), PractitionerId = Guid.NewGuid(), SiteId = siteId, StartsAt = start, EndsAt = start.AddMinutes(20),
        UpdatedAt = start, Mode = mode, Status = "free", Profession = profession, Rpps = "10003456789", FirstName = "Alex", LastName = "Martin",
        Phone = "03 84 76 54 32", SiteName = siteId is null ? null : "Cabinet", Address = siteId is null ? null : "1 rue de Test",
        PostalCode = siteId is null ? null : "70000", City = siteId is null ? null : "Vesoul", Latitude = 47.62, Longitude = 6.15,
    };

    private static async Task<(Bundle Bundle, string Json)> WriteAsync(SasResources resources, IReadOnlyList<SasSlotRow> rows, params string[] includes)
    {
        using var stream = new MemoryStream();
        var pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        await SlotSearchsetWriter.WriteAsync(pipe, new SlotSearchset(rows, includes.ToHashSet(), Base + "/fhir/Slot?status=free", DateTimeOffset.UtcNow), resources, CancellationToken.None);
        await pipe.CompleteAsync();
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return (new FhirJsonDeserializer().Deserialize<Bundle>(json), json);
    }

    // 29 March 2026: the clocks go forward in Paris at 02:00; the slots straddle it.
    private static readonly DateTimeOffset BeforeShift = new(2026, 3, 29, 0, 40, 0, TimeSpan.Zero); // 01:40 +01:00
    private static readonly DateTimeOffset AfterShift = new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero);   // 03:00 +02:00

    [Fact]
    public async Task The_individual_GP_flow_writes_the_guides_FrSlotAgregateur_slots()
    {
        var resources = new SasResources(new CptsOptions(), Base); // no FINESS: INT_R01
        var rows = new[]
        {
            Row("in-person", "generalist", Guid.NewGuid(), BeforeShift), Row("home-visit", "generalist", Guid.NewGuid(), AfterShift),
            Row("teleconsultation", "nurse", null, AfterShift.AddHours(1)),
        };
        var (bundle, json) = await WriteAsync(resources, rows);

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(3, bundle.Total);
        Assert.Equal([SasResources.BundleProfile], bundle.Meta.Profile);
        var slots = bundle.Entry.Select(e => Assert.IsType<Slot>(e.Resource)).ToList();
        Assert.Equal(rows.Select(r => r.Id.ToString()), slots.Select(s => s.Id));
        Assert.Equal(rows.Select(r => $"{Base}/fhir/Slot/{r.Id}"), bundle.Entry.Select(e => e.FullUrl));
        Assert.All(bundle.Entry, e => Assert.Equal(Bundle.SearchEntryMode.Match, e.Search.Mode));
        foreach (var (slot, row, code) in slots.Zip(rows, new[] { "AMB", "HH", "VR" }))
        {
            Assert.Equal([SasResources.SlotProfile], slot.Meta.Profile);
            var security = Assert.Single(slot.Meta.Security); // no CPTS code outside the CPTS flow
            Assert.Equal((SasResources.SlotTypeSystem, "SNP"), (security.System, security.Code));
            var serviceType = Assert.Single(slot.ServiceType).Coding.Single();
            Assert.Equal((SasResources.ActCode, code), (serviceType.System, serviceType.Code));
            Assert.Equal((SasResources.V20276, "ROUTINE"), (slot.AppointmentType.Coding.Single().System, slot.AppointmentType.Coding.Single().Code));
            Assert.Equal($"Schedule/{SasResources.ScheduleId(row)}", slot.Schedule.Reference);
            Assert.Equal(Slot.SlotStatus.Free, slot.Status);
            Assert.Equal(row.StartsAt, slot.Start);
            Assert.Equal(row.EndsAt, slot.End);
            Assert.Equal($"{Base}/rendez-vous/{row.Id}", slot.Comment);
        }
        Assert.Equal("SM54", slots[0].Specialty.Single().Coding.Single().Code);
        Assert.Empty(slots[2].Specialty); // a nurse's slot: no GP specialty
        // Times in Paris with the offset of their day, on either side of the spring shift.
        Assert.Contains("\"start\":\"2026-03-29T01:40:00+01:00\"", json);
        Assert.Contains("\"start\":\"2026-03-29T03:00:00+02:00\"", json);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("[]", json);
    }

    [Fact]
    public async Task The_CPTS_flow_adds_the_CPTS_slot_type_and_the_service_type_pointing_at_the_included_HealthcareService()
    {
        var resources = new SasResources(new CptsOptions { Finess = "950047225", Siret = "12345678900017", Name = "CPTS Test", Phone = "03 84 11 22 33" }, Base);
        var site = Guid.NewGuid();
        var first = Row("in-person", "generalist", site, BeforeShift);
        var rows = new[] { first, new SasSlotRow
        {
            Id = Guid.NewGuid(), PractitionerId = first.PractitionerId, SiteId = site, StartsAt = AfterShift, EndsAt = AfterShift.AddMinutes(20),
            Mode = "in-person", Status = "free", Profession = "generalist", Rpps = first.Rpps, FirstName = "Alex", LastName = "Martin",
            SiteName = "Cabinet", Address = "1 rue de Test", PostalCode = "70000", City = "Vesoul",
        } };
        var (bundle, _) = await WriteAsync(resources, rows,
            SearchSlots.IncludeSchedule, SearchSlots.IncludeActor, SearchSlots.IncludeServiceType, SearchSlots.IncludeOrganization);

        Assert.Equal([SasResources.CptsBundleProfile], bundle.Meta.Profile);
        var byReference = bundle.Entry.ToDictionary(e => $"{e.Resource.TypeName}/{e.Resource.Id}", e => e.Resource);
        var slots = bundle.Entry.Select(e => e.Resource).OfType<Slot>().ToList();
        Assert.Equal(2, slots.Count);
        foreach (var slot in slots)
        {
            Assert.Equal([SasResources.CptsSlotProfile], slot.Meta.Profile);
            Assert.Equal(["SNP", "CPTS"], slot.Meta.Security.Select(c => c.Code));
            var cpts = slot.ServiceType[1];
            Assert.Equal((SasResources.CategorySystem, "604"), (cpts.Coding.Single().System, cpts.Coding.Single().Code));
            var reference = Assert.IsType<ResourceReference>(cpts.GetExtension(SasResources.ServiceTypeReferenceExtension).Value);
            Assert.IsType<HealthcareService>(byReference[reference.Reference]);
            Assert.IsType<Schedule>(byReference[slot.Schedule.Reference]);
        }
        // One practitioner at one place: one Schedule, Practitioner and PractitionerRole; the service and its organization.
        Assert.Equal(["Slot", "Slot", "Schedule", "Practitioner", "PractitionerRole", "HealthcareService", "Organization"],
            bundle.Entry.Select(e => e.Resource.TypeName));
        Assert.All(bundle.Entry.Skip(2), e => Assert.Equal(Bundle.SearchEntryMode.Include, e.Search.Mode));
        Assert.Equal("1950047225", bundle.Entry.Select(e => e.Resource).OfType<Organization>().Single().Identifier.Single().Value);
    }

    [Fact]
    public async Task No_rows_is_an_empty_searchset_with_its_self_link()
    {
        var (bundle, json) = await WriteAsync(new SasResources(new CptsOptions(), Base), [], SearchSlots.IncludeSchedule);
        Assert.Equal(0, bundle.Total);
        Assert.Empty(bundle.Entry);
        Assert.Equal(Base + "/fhir/Slot?status=free", bundle.Link.Single().Url);
        Assert.DoesNotContain("entry", json);
    }
}
