// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;
using Xunit.Abstractions;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

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
