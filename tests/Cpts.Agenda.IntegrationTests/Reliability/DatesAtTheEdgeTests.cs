// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using System.Text.Json;
using Cpts.Agenda.IntegrationTests.Features.Fhir;
using FhirJson = Cpts.Agenda.IntegrationTests.Features.Fhir.Fhir;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>
/// Dates and instants are read at the edge by one parser (Infrastructure/Dates.cs), in query strings,
/// JSON bodies and FHIR parameters alike: the calendar's extremes are a 400 naming the field (an
/// OperationOutcome on FHIR routes), never a 500; and every period takes a Paris date or an instant.
/// </summary>
public sealed class DatesAtTheEdgeTests(SasApp app) : IClassFixture<SasApp>
{
    private static async Task<JsonElement> ShouldNameField(HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
            $"the 400 names '{field}': {problem}");
        return problem;
    }

    [Theory]
    [InlineData("/api/audit?from=9999-12-31", "from")]
    [InlineData("/api/audit?to=0001-01-01", "to")]
    [InlineData("/api/reports/indicators?from=9999-12-30&to=9999-12-31", "from")]
    [InlineData("/api/reports/indicators?from=2026-01-01&to=9999-12-31T23:59:59Z", "to")]
    [InlineData("/api/availability?from=9999-12-31T23:59:59%2B00:00", "from")]
    [InlineData("/api/availability?from=0001-01-01T00:00:00&to=0001-01-02T00:00:00", "from")]
    [InlineData("/api/shifts?from=0001-01-01", "from")]
    [InlineData("/api/shifts?to=9999-12-31", "to")]
    [InlineData("/api/shifts/coverage?siteId=00000000-0000-4000-8000-000000000105&from=9999-12-31", "from")]
    [InlineData("/api/teleconsultations?date=9999-12-31", "date")]
    [InlineData("/api/shifts/roster?date=9999-12-31&days=7", "date")]
    [InlineData("/api/slots?from=0001-01-01", "from")]
    [InlineData("/api/practitioners/available?from=9999-12-31T00:00:00Z&to=9999-12-31T01:00:00Z", "from")]
    [InlineData("/api/rooms/00000000-0000-4000-8000-000000000201/availability?date=0001-01-01", "date")]
    public async Task Extreme_dates_in_query_strings_are_400_naming_the_field(string url, string field) =>
        await ShouldNameField(await app.Coordinator().GetAsync(url), field);

    public static TheoryData<string, string, string> ExtremeBodies => new()
    {
        {
            "/api/teleconsultations", "start",
            """{"start":"9999-12-31T23:59:59+00:00","nurseId":"00000000-0000-4000-8000-000000000008","doctorId":"00000000-0000-4000-8000-000000000001","patient":{"firstName":"A","lastName":"B","birthDate":"1961-04-12","hasRegularDoctor":true}}"""
        },
        {
            "/api/slots", "start",
            """{"practitionerId":"00000000-0000-4000-8000-000000000001","start":"0001-01-01T00:00:00+01:00","end":"0001-01-01T00:20:00+01:00","mode":"in-person"}"""
        },
        {
            "/api/slots", "end",
            """{"practitionerId":"00000000-0000-4000-8000-000000000001","start":"2026-10-01T08:00:00+02:00","end":"9999-12-31T23:59:59","mode":"in-person"}"""
        },
        {
            "/api/sites/00000000-0000-4000-8000-000000000105/shifts/generate", "from",
            """{"from":"9999-12-31","to":"9999-12-31","profession":"generalist"}"""
        },
        {
            "/api/bookings", "patient.birthDate",
            """{"slotId":"00000000-0000-4000-8000-000000000001","patient":{"firstName":"A","lastName":"B","birthDate":"0001-01-01","hasRegularDoctor":true},"channel":"sas"}"""
        },
    };

    [Theory]
    [MemberData(nameof(ExtremeBodies))]
    public async Task Extreme_dates_in_JSON_bodies_are_400_naming_the_field(string url, string field, string body)
    {
        var response = await app.Coordinator().PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ShouldNameField(response, field);
        Assert.DoesNotContain("9999-12-31T23", problem.ToString());
    }

    [Theory]
    [InlineData("/fhir/$bulk-publish?_since=9999-12-31")]
    [InlineData("/fhir/$bulk-publish?_since=0001-01-01")]
    [InlineData("/fhir/bulk/Slot.ndjson?_since=9999-12-31")]
    [InlineData("/fhir/bulk/Schedule.ndjson?_since=0001-01-01")]
    [InlineData("/fhir/bulk/Location.ndjson?_since=9999-12-31T23:59:59Z")]
    [InlineData("/fhir/Slot?start=ge2026-12-01&start=le9999-12-31&status=free&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810001234567")]
    [InlineData("/fhir/Slot?start=ge0001-01-01&start=le2026-12-31&status=free&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1%7C810001234567")]
    public async Task Extreme_dates_on_FHIR_routes_are_a_400_OperationOutcome(string url)
    {
        var response = await app.Sas().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OperationOutcome.IssueType.Invalid, FhirJson.Parse<OperationOutcome>(body).Issue.Single().Code);
    }

    [Fact]
    public async Task Every_period_takes_Paris_dates_and_instants_the_same_way()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(26);
        var slot = await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation");
        var day = Paris(start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (dayStart, dayEnd) = Cpts.Agenda.Api.Infrastructure.Paris.Day(DateOnly.ParseExact(day, "yyyy-MM-dd"));
        var instants = Http.Window(dayStart, dayEnd);
        var dates = $"from={day}&to={day}";

        foreach (var period in new[] { dates, instants })
        {
            var found = await (await app.Coordinator().GetAsync($"/api/availability?{period}&limit=500")).ShouldBe(HttpStatusCode.OK);
            Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("slotId").GetGuid() == slot);

            var report = await (await app.Coordinator().GetAsync($"/api/reports/indicators?{period}")).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(day, report.GetProperty("from").GetString());
            Assert.Equal(day, report.GetProperty("to").GetString());
            Assert.True(report.GetProperty("totals").GetProperty("slotsPublished").GetInt32() >= 1, report.ToString());

            await (await app.Coordinator().GetAsync($"/api/shifts?{period}")).ShouldBe(HttpStatusCode.OK);
            await (await app.Coordinator().GetAsync($"/api/audit?{period}")).ShouldBe(HttpStatusCode.OK);
        }
    }

    private static DateTimeOffset Paris(DateTimeOffset instant) => Cpts.Agenda.Api.Infrastructure.Paris.ToLocal(instant);
}
