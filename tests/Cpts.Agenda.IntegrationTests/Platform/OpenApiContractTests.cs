using System.Text.Json;
using Cpts.Agenda.Api.Features.Slots;
using Microsoft.AspNetCore.Http.Metadata;

namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>
/// /openapi/v1.json tells the truth: every route of the app is in it (read from the endpoint data
/// source, so a new route is checked without touching this file) with the body it binds, its security
/// and the statuses it answers; schema names are distinct; enums, required and nullable are declared.
/// The statuses answered by every other test are checked too, when their host is disposed (AgendaApp).
/// </summary>
public sealed class OpenApiContractTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<JsonElement> DocumentAsync() =>
        await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task Every_route_of_the_app_is_in_the_document_with_the_body_it_binds()
    {
        var doc = await DocumentAsync();
        var routes = Contract.DescribedRoutes(app.Services).ToList();
        Assert.True(routes.Count >= 50, $"only {routes.Count} routes found");
        var problems = new List<string>();
        foreach (var (endpoint, path, methods) in routes)
        {
            Assert.NotEmpty(methods);
            foreach (var method in methods)
            {
                if (!Contract.TryOperation(doc, path, method, out var op))
                {
                    problems.Add($"{method} {path} is not in the document (or mark it ExcludeFromDescription if it is no API)");
                    continue;
                }
                var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
                var declared = op.TryGetProperty("requestBody", out var body)
                    ? body.GetProperty("content").EnumerateObject().Select(c => c.Name).ToHashSet() : [];
                if (accepts is null)
                {
                    if (declared.Count > 0) problems.Add($"{method} {path} declares a body it does not read");
                    continue;
                }
                foreach (var type in accepts.ContentTypes.Where(t => !declared.Contains(t)))
                    problems.Add($"{method} {path} reads {type}, not declared");
                if (accepts.RequestType is { } bound && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    // a $ref, or for an optional body anyOf [$ref, null]
                    var reference = json.GetProperty("schema").ToString();
                    if (!reference.Contains($"\"#/components/schemas/{AgendaOpenApi.SchemaName(bound)}\"", StringComparison.Ordinal))
                        problems.Add($"{method} {path} binds {bound.FullName} but declares {reference}");
                }
                if (!op.TryGetProperty("operationId", out _) || !op.TryGetProperty("summary", out _))
                    problems.Add($"{method} {path} has no operationId or summary");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Schemas_have_distinct_names_and_every_error_is_a_problem_document()
    {
        var doc = await DocumentAsync();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.False(schemas.TryGetProperty("Body", out _), "a bare 'Body' schema: nested records collide");
        Assert.True(schemas.TryGetProperty("BookSlotBody", out _));
        Assert.True(schemas.TryGetProperty("GenerateShiftsBody", out _));
        Assert.All(schemas.EnumerateObject(), s => Assert.Matches("^[A-Za-z0-9._-]+$", s.Name));
        // An anonymous answer gets a schema name the compiler numbers (AnonymousType17Of…): it changes when code moves.
        Assert.All(schemas.EnumerateObject(), s => Assert.DoesNotContain("AnonymousType", s.Name));

        foreach (var (path, method, op) in Operations(doc))
        {
            foreach (var response in op.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var media = response.Value.GetProperty("content").EnumerateObject().Select(c => c.Name).ToList();
                Assert.True(media.SequenceEqual([path.StartsWith("/fhir", StringComparison.Ordinal) ? "application/fhir+json" : "application/problem+json"]),
                    $"{method} {path} {response.Name}: {string.Join(", ", media)}");
            }
        }
    }

    [Fact]
    public async Task Security_is_declared_per_operation_and_anonymous_routes_need_none()
    {
        var doc = await DocumentAsync();
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("mutualTLS", schemes.GetProperty("sasCertificate").GetProperty("type").GetString());

        string[] Schemes(string path, string method)
        {
            Assert.True(Contract.TryOperation(doc, path, method, out var op), $"{method} {path}");
            return op.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToArray();
        }
        Assert.Equal(["bearer"], Schemes("/api/bookings", "POST"));
        Assert.Empty(Schemes("/health/live", "GET"));
        Assert.Empty(Schemes("/ical/{token}.ics", "GET"));
        Assert.Empty(Schemes("/fhir/metadata", "GET"));
        Assert.Equal(["sasCertificate", "bearer"], Schemes("/fhir/Slot", "GET"));

        Assert.True(Contract.TryOperation(doc, "/api/bookings", "POST", out var book));
        foreach (var status in new[] { "201", "400", "401", "403", "404", "409", "413", "415", "422", "429" })
            Assert.True(book.GetProperty("responses").TryGetProperty(status, out _), $"POST /api/bookings {status}");
    }

    [Fact]
    public async Task Enums_required_and_nullable_properties_are_declared()
    {
        var doc = await DocumentAsync();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var slotBody = schemas.GetProperty("PublishSlotsSlotBody");
        Assert.Equal(SlotRules.Modes, slotBody.GetProperty("properties").GetProperty("mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("start", slotBody.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        var booking = schemas.GetProperty("BookingDto");
        var required = booking.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("status", required);
        Assert.DoesNotContain("outcome", required);
        Assert.Contains("null", booking.GetProperty("properties").GetProperty("outcome").GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", schemas.GetProperty("SlotDto").GetProperty("properties").GetProperty("start").GetProperty("type").GetString());

        Assert.True(Contract.TryOperation(doc, "/api/availability", "GET", out var search));
        var mode = search.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "mode");
        Assert.Equal(SlotRules.Modes, mode.GetProperty("schema").GetProperty("enum").EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_answer_writes_its_null_properties_as_the_document_declares()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", new
        {
            practitionerId = gp.Id, start = Http.Iso(app.Clock.GetUtcNow().AddDays(2)), end = Http.Iso(app.Clock.GetUtcNow().AddDays(2).AddMinutes(20)),
            mode = "teleconsultation", visibility = "sas",
        })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, slot.GetProperty("siteId").ValueKind);
    }

    [Fact]
    public async Task Busy_calendars_accept_json_multipart_and_calendar_bodies_and_answer_201_with_the_calendar()
    {
        var doc = await DocumentAsync();
        Assert.True(Contract.TryOperation(doc, "/api/practitioners/{practitionerId}/busy-calendars", "POST", out var op));
        var content = op.GetProperty("requestBody").GetProperty("content");
        Assert.Equal("#/components/schemas/CalendarsEndpointsAddBusyCalendarBody", content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("binary", content.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        Assert.Equal("string", content.GetProperty("text/calendar").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/BusyCalendarDto",
            op.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task The_health_probes_are_documented_and_the_main_bodies_have_examples()
    {
        var doc = await DocumentAsync();
        Assert.True(Contract.TryOperation(doc, "/health/live", "GET", out _));
        Assert.True(Contract.TryOperation(doc, "/health/ready", "GET", out var ready));
        Assert.True(ready.GetProperty("responses").TryGetProperty("503", out _));
        foreach (var (path, method) in new[] { ("/api/bookings", "POST"), ("/api/slots", "POST"), ("/api/practitioners", "POST"), ("/api/teleconsultations", "POST") })
        {
            Assert.True(Contract.TryOperation(doc, path, method, out var op));
            Assert.True(op.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{method} {path}");
        }
    }

    [Fact]
    public async Task The_Scalar_reference_page_is_served_with_its_script_from_the_service_itself()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.False(src.StartsWith("http", StringComparison.OrdinalIgnoreCase) || src.StartsWith("//", StringComparison.Ordinal), $"script from elsewhere: {src}");
            var script = await client.GetAsync(new Uri(new Uri("http://localhost/scalar/v1"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
    }

    [Fact]
    public async Task Statuses_answered_in_this_class_are_declared()
    {
        // The classic answers of each kind, then the check every AgendaApp makes on disposal, made here explicitly.
        var gp = await app.NewPractitionerAsync();
        await app.CreateClient().GetAsync("/api/practitioners");
        await app.As(Roles.Regulator).PostJsonAsync("/api/slots", new { });
        await app.Coordinator().GetAsync($"/api/slots/{Guid.NewGuid()}");
        await app.Coordinator().PostJsonAsync("/api/practitioners", new { rpps = "1", firstName = "", lastName = "x", profession = "generalist" });
        await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{Guid.NewGuid()}");
        var undeclared = Contract.Undeclared(await DocumentAsync(), app.Observed.All);
        Assert.True(app.Observed.All.Select(o => o.Status).Distinct().Count() >= 4, string.Join(", ", app.Observed.All));
        Assert.True(undeclared.Count == 0, string.Join('\n', undeclared));
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete" or "head")
            .Select(o => (p.Name, o.Name.ToUpperInvariant(), o.Value)));
}
