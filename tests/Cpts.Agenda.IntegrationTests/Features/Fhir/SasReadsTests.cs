// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.IntegrationTests.Web;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>The reads SAS-GestionnaireAgenda-CPTS declares: Slot, Schedule and Practitioner, read and search-type.</summary>
public sealed class SasReadsTests(SasApp app) : IClassFixture<SasApp>
{
    private async Task<T> GetAsync<T>(string url, HttpStatusCode expected = HttpStatusCode.OK) where T : Resource
    {
        var response = await app.Sas().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(FhirHttp.JsonType, response.Content.Headers.ContentType?.MediaType);
        return Fhir.Parse<T>(body);
    }

    [Fact]
    public async Task The_booking_link_the_SAS_platform_gets_opens_the_booking_form_of_that_slot()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Lien");
        var site = await app.NewSiteAsync();
        var free = await app.PublishSlotAsync(gp.Id, app.NextHour(3), siteId: site.Id);
        var link = (await GetAsync<Slot>($"/fhir/Slot/{free}")).Comment;
        Assert.Equal($"{SasApp.PublicBaseUrl}/rendez-vous/{free}", link);

        // The regulator who follows it signs in, then lands on the form that books that very slot.
        var regulator = PageClient.For(app);
        var path = new Uri(link).PathAndQuery;
        var first = await regulator.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await regulator.SignInAsync(await app.NewMemberAsync(Roles.Regulator), path);
        var form = WebUtility.HtmlDecode(await regulator.HtmlAsync(path));
        Assert.Contains("Lien", form);
        Assert.Contains("value=\"reservation\"", form); // the booking form, posted back to this address
    }

    [Fact]
    public async Task A_free_slot_its_schedule_and_its_practitioner_are_read_as_the_search_shows_them()
    {
        var gp = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync();
        var start = app.NextHour(2);
        var free = await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        var tele = await app.PublishSlotAsync(gp.Id, start.AddHours(1), mode: "teleconsultation");
        var bundle = await GetAsync<Bundle>(Fhir.SlotQuery(start, start.AddHours(1), [gp.Rpps]));
        var searched = bundle.Entry.Select(e => e.Resource).OfType<Slot>().Single(s => s.Id == free.ToString());

        var slot = await GetAsync<Slot>($"/fhir/Slot/{free}");
        Assert.True(slot.IsExactly(searched), "the read Slot is the searched one");
        var schedule = await GetAsync<Schedule>($"/fhir/{slot.Schedule.Reference}");
        Assert.True(schedule.IsExactly(bundle.Entry.Select(e => e.Resource).OfType<Schedule>().Single(s => $"Schedule/{s.Id}" == slot.Schedule.Reference)));
        var practitioner = await GetAsync<Practitioner>($"/fhir/Practitioner/{gp.Id}");
        Assert.Equal("8" + gp.Rpps, practitioner.Identifier.Single().Value);
        Assert.Contains(SasResources.PractitionerProfile, practitioner.Meta.Profile);

        var schedules = await GetAsync<Bundle>($"/fhir/Schedule?actor=Practitioner/{gp.Id}");
        Assert.Equal(Bundle.BundleType.Searchset, schedules.Type);
        Assert.Equal(2, schedules.Total); // the practice and the teleconsultations
        Assert.Contains(schedules.Entry, e => e.Resource.Id == schedule.Id && e.FullUrl == $"{SasApp.PublicBaseUrl}/fhir/Schedule/{schedule.Id}");
        var found = await GetAsync<Bundle>($"/fhir/Practitioner?identifier={Uri.EscapeDataString($"{Fhir.Rpps}|8{gp.Rpps}")}");
        Assert.Equal(gp.Id.ToString(), Assert.Single(found.Entry).Resource.Id);
        Assert.Equal(0, (await GetAsync<Bundle>($"/fhir/Practitioner?identifier=8{AgendaApp.NewRpps()}")).Total);

        // Booked, it is no longer offered: the read answers 404 as the search no longer lists it.
        await app.BookAsync(app.Regulator(), tele);
        var gone = await GetAsync<OperationOutcome>($"/fhir/Slot/{tele}", HttpStatusCode.NotFound);
        Assert.Equal(OperationOutcome.IssueType.NotFound, gone.Issue.Single().Code);
    }

    [Theory]
    [InlineData("/fhir/Slot/not-a-slot", HttpStatusCode.NotFound)]
    [InlineData("/fhir/Schedule/00000000-0000-5000-8000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/fhir/Practitioner/00000000-0000-4000-8000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/fhir/Schedule", HttpStatusCode.BadRequest)]
    [InlineData("/fhir/Schedule?actor=Location/00000000-0000-4000-8000-000000000000", HttpStatusCode.BadRequest)]
    [InlineData("/fhir/Practitioner", HttpStatusCode.BadRequest)]
    [InlineData("/fhir/Practitioner?identifier=urn:other|812345678901", HttpStatusCode.BadRequest)]
    public async Task Unknown_ids_answer_404_and_bad_searches_400_as_OperationOutcomes(string url, HttpStatusCode expected)
    {
        var outcome = await GetAsync<OperationOutcome>(url, expected);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, Assert.Single(outcome.Issue).Severity);
    }

    [Fact]
    public async Task Only_the_SAS_platform_reads()
    {
        var gp = await app.NewPractitionerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Regulator().GetAsync($"/fhir/Practitioner/{gp.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/fhir/Schedule?actor=Practitioner/{gp.Id}")).StatusCode);
    }
}
