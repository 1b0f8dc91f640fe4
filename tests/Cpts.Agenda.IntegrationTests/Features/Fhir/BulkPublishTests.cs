// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

public sealed class BulkPublishTests(SasApp app) : IClassFixture<SasApp>
{
    private static async Task<List<T>> NdjsonAsync<T>(HttpClient client, string url) where T : Resource
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(Fhir.Parse<T>).ToList();
    }

    [Fact]
    public async Task The_manifest_points_at_NDJSON_files_that_round_trip_through_the_FHIR_parser()
    {
        var gp = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync(city: "Noidans-lès-Vesoul", postalCode: "70000");
        var start = app.NextHour(2);
        var free = await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        var booked = await app.PublishSlotAsync(gp.Id, start.AddMinutes(20), siteId: site.Id);
        await app.BookAsync(app.Regulator(), booked);
        var tele = await app.PublishSlotAsync(gp.Id, start.AddMinutes(40), mode: "teleconsultation");
        var cptsOnly = await app.PublishSlotAsync(gp.Id, start.AddMinutes(60), siteId: site.Id, visibility: "cpts");

        var client = app.CreateClient(); // public: no token
        var manifestResponse = await client.GetAsync("/fhir/$bulk-publish");
        var manifest = await manifestResponse.ShouldBe(HttpStatusCode.OK);
        Assert.True(DateTimeOffset.TryParse(manifest.GetProperty("transactionTime").GetString(), out _));
        Assert.Equal($"{SasApp.PublicBaseUrl}/fhir/$bulk-publish", manifest.GetProperty("request").GetString());
        var outputs = manifest.GetProperty("output").EnumerateArray()
            .ToDictionary(o => o.GetProperty("type").GetString()!, o => o.GetProperty("url").GetString()!);
        Assert.Equal(["Location", "Schedule", "Slot"], outputs.Keys.Order());
        Assert.All(outputs.Values, url => Assert.StartsWith(SasApp.PublicBaseUrl + "/fhir/bulk/", url));
        string Local(string url) => url[SasApp.PublicBaseUrl.Length..];

        var slots = await NdjsonAsync<Slot>(client, Local(outputs["Slot"]));
        var schedules = await NdjsonAsync<Schedule>(client, Local(outputs["Schedule"]));
        var locations = await NdjsonAsync<Location>(client, Local(outputs["Location"]));

        var mine = slots.Where(s => s.Id == free.ToString() || s.Id == booked.ToString() || s.Id == tele.ToString()).ToDictionary(s => s.Id);
        Assert.Equal(3, mine.Count);
        Assert.DoesNotContain(slots, s => s.Id == cptsOnly.ToString());
        Assert.Equal(Slot.SlotStatus.Free, mine[free.ToString()].Status);
        Assert.Equal(Slot.SlotStatus.Busy, mine[booked.ToString()].Status);
        var deepLink = mine[free.ToString()].GetExtension(BulkPublish.DeepLinkExtension);
        Assert.Equal($"{SasApp.PublicBaseUrl}/rendez-vous/{free}", ((FhirUrl)deepLink.Value).Value);
        Assert.Null(mine[booked.ToString()].GetExtension(BulkPublish.DeepLinkExtension));

        // Every reference resolves inside the publication: Slot → Schedule → Location.
        foreach (var slot in mine.Values)
        {
            var schedule = Assert.Single(schedules, s => $"Schedule/{s.Id}" == slot.Schedule.Reference);
            var actor = Assert.Single(schedule.Actor);
            Assert.Contains(locations, l => $"Location/{l.Id}" == actor.Reference);
        }
        var practice = Assert.Single(locations, l => l.Id == site.Id.ToString());
        Assert.Equal("Noidans-lès-Vesoul", practice.Address.City);
        Assert.Equal("+33384000000", practice.Telecom.Single().Value); // the practice's own phone
        Assert.NotNull(practice.Position);
        // Each Location has a phone (SMART requires one): the virtual one, which has no site, the CPTS's.
        var virtualPlace = Assert.Single(locations, l => l.Id == SasResources.VirtualLocationId);
        Assert.Equal("+33384112233", virtualPlace.Telecom.Single().Value);
        Assert.Equal("Vesoul", virtualPlace.Address.City);
    }

    [Fact]
    public async Task Files_carry_an_ETag_and_answer_304_until_something_changes()
    {
        var gp = await app.NewPractitionerAsync();
        var client = app.CreateClient();
        await app.PublishSlotAsync(gp.Id, app.NextHour(3), mode: "teleconsultation");
        var first = await client.GetAsync("/fhir/bulk/Slot.ndjson");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        var again = new HttpRequestMessage(HttpMethod.Get, "/fhir/bulk/Slot.ndjson");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        var manifest = await client.GetAsync("/fhir/$bulk-publish");
        var sameManifest = new HttpRequestMessage(HttpMethod.Get, "/fhir/$bulk-publish");
        sameManifest.Headers.IfNoneMatch.Add(manifest.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(sameManifest)).StatusCode);

        await app.PublishSlotAsync(gp.Id, app.NextHour(4), mode: "teleconsultation");
        var changed = new HttpRequestMessage(HttpMethod.Get, "/fhir/bulk/Slot.ndjson");
        changed.Headers.IfNoneMatch.Add(etag);
        var response = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag);
    }

    [Fact]
    public async Task Since_returns_only_the_slots_changed_after_the_last_transaction_time()
    {
        var gp = await app.NewPractitionerAsync();
        var client = app.CreateClient();
        var old = await app.PublishSlotAsync(gp.Id, app.NextHour(5), mode: "teleconsultation");
        var withdrawnLater = await app.PublishSlotAsync(gp.Id, app.NextHour(6), mode: "teleconsultation");
        var manifest = await (await client.GetAsync("/fhir/$bulk-publish")).ShouldBe(HttpStatusCode.OK);
        var transactionTime = manifest.GetProperty("transactionTime").GetString()!;

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await app.PublishSlotAsync(gp.Id, app.NextHour(7), mode: "teleconsultation");
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{withdrawnLater}")).ShouldBe(HttpStatusCode.NoContent);

        var requested = $"/fhir/$bulk-publish?_since={Uri.EscapeDataString(transactionTime)}";
        var next = await (await client.GetAsync(requested)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(SasApp.PublicBaseUrl + requested, next.GetProperty("request").GetString()); // the URL as requested
        var slotUrl = next.GetProperty("output").EnumerateArray().Single(o => o.GetProperty("type").GetString() == "Slot").GetProperty("url").GetString()!;
        Assert.Contains("_since=", slotUrl);
        var changed = await NdjsonAsync<Slot>(client, slotUrl[SasApp.PublicBaseUrl.Length..]);
        Assert.Contains(changed, s => s.Id == fresh.ToString() && s.Status == Slot.SlotStatus.Free);
        // SMART knows free and busy only: a withdrawn slot is retracted as busy, without its booking link.
        var retracted = Assert.Single(changed, s => s.Id == withdrawnLater.ToString());
        Assert.Equal(Slot.SlotStatus.Busy, retracted.Status);
        Assert.Null(retracted.GetExtension(BulkPublish.DeepLinkExtension));
        Assert.DoesNotContain(changed, s => s.Id == old.ToString());

        var bad = await client.GetAsync("/fhir/bulk/Slot.ndjson?_since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fhir/bulk/Patient.ndjson")).StatusCode);
    }
}
