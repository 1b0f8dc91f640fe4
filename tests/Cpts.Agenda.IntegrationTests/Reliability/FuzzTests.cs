using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>
/// A fuzzer driven by the service's own /openapi/v1.json: for every operation and with a token of
/// every role (and none), requests whose path, query and body values are drawn from the declared
/// schemas and mutated: wrong types, nulls, huge and empty strings, odd Unicode, deep nesting,
/// boundary and absurd dates, negative and huge limits, bad cursors and UUIDs, path traversal.
/// Whatever comes in: no 5xx, every error a problem document (OperationOutcome under /fhir), no
/// error echoing the patient fields sent, and every status answered declared by the document.
/// A fixed seed and a fixed clock: the same requests on every run. FUZZ_REQUESTS sets the count per
/// operation and caller (default 6: about 2,600 requests).
/// </summary>
public sealed class FuzzTests(FuzzApp app) : IClassFixture<FuzzApp>
{
    private const int Seed = 20261202;
    private static readonly int PerOperationAndCaller =
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) && n > 0 ? n : 6;

    private static readonly string[] Strings =
    [
        "", " ", new string('x', 20_000), "'; DROP TABLE slots; --", "\u0000\uFFFE\U0001F600\u202E", "é\u0301ñ漢字𝔘",
        "<script>alert(1)</script>", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "${jndi:ldap://x}", "null", "true", "-1",
    ];

    private static readonly string[] Instants =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00:00-12:00",
        "2026-02-30T08:00:00+01:00", "2026-03-05T08:00:00", "2026-03-05", "9999-99-99T99:99:99Z", "2026-03-05T08:00:00+25:00",
        "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "-0001-01-01T00:00:00Z", "2026-13-01T00:00:00Z",
    ];

    private static readonly string[] Dates = ["0001-01-01", "9999-12-31", "2026-02-29", "2026-02-30", "31/12/2026", "2026-W10", "99999-01-01", "2026-03-05"];

    private static readonly string[] BadIds =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e", "..", "%00", new string('9', 300), "{id}", "3f2b8c1e6d4a4b7e9a512c8d0e6f4a10",
    ];

    private static readonly string[] Cursors = ["!!!", "", "AAAA", "eyJ9", "Zm9v", "////", new string('A', 5000), "MjAyNi0wMy0wNXx4", "%FF%FE"];

    private static readonly string[] Limits = ["-1", "0", "1", "500", "501", "2147483648", "-2147483649", "1e9", "abc", "99999999999999999999"];

    [Fact]
    public async Task No_generated_request_gets_a_5xx_and_every_error_is_a_declared_problem_document()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count >= 50, $"{operations.Count} operations in the document");

        var ids = await SeedAsync();
        var gp = ids[0];
        var nurse = ids[1];
        var callers = new (string Name, HttpClient Client)[]
        {
            ("anonymous", app.CreateClient()), (Roles.Coordinator, app.Coordinator()), (Roles.Practitioner, app.Practitioner(gp)),
            (Roles.Nurse, app.As(Roles.Nurse, nurse)), (Roles.Regulator, app.Regulator()), (Roles.Secretary, app.As(Roles.Secretary)),
            (Roles.Sas, app.As(Roles.Sas)),
        };
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            foreach (var (name, client) in callers)
            {
                for (var i = 0; i < PerOperationAndCaller; i++)
                {
                    var patient = new List<string>();
                    using var request = Build(operation, doc, random, ids, patient);
                    using var response = await client.SendAsync(request);
                    sent++;
                    var failure = await Judge(operation, response, patient);
                    if (failure is not null)
                        failures.Add($"{name}: {request.Method} {Cut(request.RequestUri!.ToString(), 300)} → {failure}");
                }
            }
        }

        Assert.True(sent >= 1000, $"only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join('\n', failures.Take(30)));
        var undeclared = Contract.Undeclared(doc, app.Observed.All);
        Assert.True(undeclared.Count == 0, "answers the document does not declare:\n" + string.Join('\n', undeclared));
    }

    private static async Task<string?> Judge(Operation operation, HttpResponseMessage response, List<string> patient)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500) return $"{status}: {Cut(body, 300)}";
        if (status >= 400)
        {
            var expected = operation.Path.StartsWith("/fhir", StringComparison.Ordinal) ? "application/fhir+json" : "application/problem+json";
            if (type != expected && !(operation.Method == "HEAD" && body.Length == 0)) return $"{status} as {type ?? "no content type"}: {Cut(body, 200)}";
            foreach (var value in patient.Where(v => body.Contains(v, StringComparison.Ordinal)))
                return $"{status} echoes the patient value '{value}': {Cut(body, 200)}";
        }
        return null;
    }

    /// <summary>Real rows for the ids the generator sometimes uses, so requests reach past "not found".</summary>
    private async Task<List<Guid>> SeedAsync()
    {
        var gp = await app.NewPractitionerAsync();
        var nurse = await app.NewPractitionerAsync("nurse");
        var practice = await app.NewSiteAsync();
        var mmg = await app.NewSiteAsync("mmg");
        var cabinet = await app.NewCabinetAsync();
        var start = app.Clock.GetUtcNow().AddDays(2);
        var slot = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", new
        {
            practitionerId = gp.Id, start = Http.Iso(start), end = Http.Iso(start.AddMinutes(20)), siteId = practice.Id, mode = "in-person", visibility = "sas",
        })).ShouldBe(HttpStatusCode.Created);
        var booking = await (await app.Regulator().PostJsonAsync("/api/bookings", new
        {
            slotId = slot.GetProperty("id").GetGuid(), patient = new { firstName = "Fuzz", lastName = "Seed", birthDate = "1980-01-01", phone = "+33600000000", hasRegularDoctor = true },
            channel = "sas",
        })).ShouldBe(HttpStatusCode.Created);
        return [gp.Id, nurse.Id, practice.Id, mmg.Id, cabinet.SiteId, cabinet.RoomId, slot.GetProperty("id").GetGuid(), booking.GetProperty("id").GetGuid()];
    }

    private sealed record Parameter(string Name, string In, JsonElement Schema);

    private sealed record Operation(string Method, string Path, List<Parameter> Parameters, List<(string ContentType, JsonElement Schema)> Bodies);

    private static IEnumerable<Operation> Operations(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete" or "head"))
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var s) ? s : default)).ToList()
                    : [];
                var bodies = op.Value.TryGetProperty("requestBody", out var rb)
                    ? rb.GetProperty("content").EnumerateObject().Select(c => (c.Name, c.Value.TryGetProperty("schema", out var s) ? s : default)).ToList()
                    : [];
                yield return new Operation(op.Name.ToUpperInvariant(), path.Name, parameters, bodies);
            }
        }
    }

    private static HttpRequestMessage Build(Operation operation, JsonElement doc, Random r, List<Guid> ids, List<string> patient)
    {
        var path = Regex.Replace(operation.Path, "{([^}]+)}", m =>
        {
            var schema = operation.Parameters.FirstOrDefault(p => p.Name == m.Groups[1].Value && p.In == "path")?.Schema ?? default;
            // NUL never reaches a route: the server refuses it in a path before routing (the test client throws on it).
            // An empty value would make another path (no route): a path parameter always has a value.
            var value = (r.Next(3) == 0 ? Escape(BadIds[r.Next(BadIds.Length)]) : Escape(Text(Value(schema, doc, r, ids, 0, patient)))).Replace("%00", "", StringComparison.Ordinal);
            return value.Length > 0 ? value : "x";
        });
        var query = new List<string>();
        foreach (var p in operation.Parameters.Where(p => p.In == "query"))
        {
            if (r.Next(3) == 0) continue;
            var value = p.Name switch
            {
                "limit" => Limits[r.Next(Limits.Length)],
                "cursor" => Cursors[r.Next(Cursors.Length)],
                _ => Text(Value(p.Schema, doc, r, ids, 0, patient)),
            };
            query.Add($"{Uri.EscapeDataString(p.Name)}={Escape(value)}");
            if (r.Next(8) == 0) query.Add($"{Uri.EscapeDataString(p.Name)}={Escape(Strings[r.Next(Strings.Length)])}"); // repeated
        }
        var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);

        if (operation.Bodies.Count > 0 || (operation.Method is "POST" && r.Next(4) == 0))
        {
            var (contentType, schema) = operation.Bodies.Count > 0 ? operation.Bodies[r.Next(operation.Bodies.Count)] : ("application/json", default);
            if (r.Next(12) == 0) contentType = new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded" }[r.Next(3)];
            request.Content = contentType switch
            {
                "multipart/form-data" => Multipart(r),
                "application/json" => new StringContent(JsonBody(schema, doc, r, ids, patient), Encoding.UTF8, "application/json"),
                _ => new StringContent(r.Next(2) == 0 ? Calendar(r) : Strings[r.Next(Strings.Length)], Encoding.UTF8, contentType),
            };
        }
        if (operation.Method == "POST" && r.Next(6) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", r.Next(2) == 0 ? new string('k', 300) : $"fuzz-{r.Next(5)}");
        if (r.Next(10) == 0) request.Headers.TryAddWithoutValidation("If-None-Match", r.Next(2) == 0 ? "*" : "\"" + Strings[r.Next(Strings.Length)] + "\"");
        return request;
    }

    private static string JsonBody(JsonElement schema, JsonElement doc, Random r, List<Guid> ids, List<string> patient) => r.Next(12) switch
    {
        0 => "{",
        1 => "[]",
        2 => "null",
        3 => string.Concat(Enumerable.Repeat("[", 300)) + string.Concat(Enumerable.Repeat("]", 300)),
        4 => "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 101),
        _ => (Value(schema, doc, r, ids, 0, patient) ?? JsonValue.Create("x"))!.ToJsonString(),
    };

    /// <summary>A value for the schema: mostly plausible, often mutated into junk of another type.</summary>
    private static JsonNode? Value(JsonElement schema, JsonElement doc, Random r, List<Guid> ids, int depth, List<string> patient, string? name = null)
    {
        if (r.Next(10) == 0) return Junk(r);
        if (schema.ValueKind != JsonValueKind.Object || depth > 6) return Junk(r);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!.Split('/').Last();
            return doc.GetProperty("components").GetProperty("schemas").TryGetProperty(target, out var resolved) ? Value(resolved, doc, r, ids, depth + 1, patient, name) : Junk(r);
        }
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
            if (schema.TryGetProperty(combinator, out var options))
            {
                var choices = options.EnumerateArray().ToList();
                return Value(choices[r.Next(choices.Count)], doc, r, ids, depth + 1, patient, name);
            }
        if (schema.TryGetProperty("enum", out var values) && r.Next(4) != 0)
        {
            var list = values.EnumerateArray().ToList();
            return JsonNode.Parse(list[r.Next(list.Count)].GetRawText());
        }
        var types = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!]
            : ["object"];
        if (types.Contains("null") && r.Next(6) == 0) return null;
        var type = types.FirstOrDefault(x => x != "null") ?? "string";
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "object" when schema.TryGetProperty("properties", out var properties):
                var obj = new JsonObject();
                foreach (var p in properties.EnumerateObject())
                {
                    if (r.Next(8) == 0) continue; // a missing field
                    obj[p.Name] = Value(p.Value, doc, r, ids, depth + 1, patient, p.Name);
                }
                if (r.Next(10) == 0) obj["unexpected"] = Junk(r);
                if (obj["patient"] is JsonObject person)
                    foreach (var field in new[] { "firstName", "lastName", "phone" })
                        if (person[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("Pz", StringComparison.Ordinal)) patient.Add(s);
                return obj;
            case "object":
                return new JsonObject { ["any"] = Junk(r) };
            case "array":
                var array = new JsonArray();
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                for (var i = r.Next(r.Next(20) == 0 ? 600 : 4); i > 0; i--) array.Add(Value(items, doc, r, ids, depth + 1, patient));
                return array;
            case "integer":
                return r.Next(3) == 0 ? JsonValue.Create(new[] { -1L, 0L, long.MaxValue, int.MinValue, 2_147_483_648L }[r.Next(5)]) : JsonValue.Create(r.Next(0, 120));
            case "number":
                return JsonValue.Create(new[] { -91.0, 0.0, 47.62, 6.15, 1e308, -1e308, 180.5, double.Epsilon }[r.Next(8)]);
            case "boolean":
                return JsonValue.Create(r.Next(2) == 0);
        }
        return JsonValue.Create(format switch
        {
            "uuid" => r.Next(3) == 0 ? BadIds[r.Next(BadIds.Length)] : ids[r.Next(ids.Count)].ToString(),
            "date-time" => r.Next(2) == 0 ? Instants[r.Next(Instants.Length)] : $"2026-03-{r.Next(1, 31):D2}T{r.Next(0, 24):D2}:{r.Next(0, 4) * 15:D2}:00+01:00",
            "date" => r.Next(2) == 0 ? Dates[r.Next(Dates.Length)] : $"2026-03-{r.Next(1, 31):D2}",
            _ when name is "firstName" or "lastName" or "phone" => "Pz" + Letters(r, 10), // patient data: never to be echoed by an error
            _ when name is "near" => $"{47 + r.NextDouble():F4},{6 + r.NextDouble():F4}",
            _ => r.Next(2) == 0 ? Strings[r.Next(Strings.Length)] : Letters(r, r.Next(1, 12)),
        });
    }

    private static JsonNode? Junk(Random r) => r.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(Strings[r.Next(Strings.Length)]),
        2 => JsonValue.Create(Instants[r.Next(Instants.Length)]),
        3 => JsonValue.Create(new[] { -1, 0, int.MaxValue, int.MinValue }[r.Next(4)]),
        4 => JsonValue.Create(1e308),
        5 => JsonValue.Create(r.Next(2) == 0),
        6 => new JsonArray(JsonValue.Create(1), new JsonArray(new JsonArray())),
        7 => new JsonObject { ["$ref"] = "#/x", ["__proto__"] = new JsonObject() },
        _ => JsonValue.Create(BadIds[r.Next(BadIds.Length)]),
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string Letters(Random r, int length) => string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + r.Next(26))));

    private static string Escape(string value) => Uri.EscapeDataString(value.Length > 3000 ? value[..3000] : value);

    private static string Calendar(Random r) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:" + new[] { "00010101T000000Z", "99991231T235959Z", "20260305T080000Z", "nonsense" }[r.Next(4)]
        + "\r\nDTEND:" + new[] { "99991231T235959Z", "20260305T090000Z", "" }[r.Next(3)] + "\r\nRRULE:FREQ=SECONDLY;COUNT=" + r.Next(0, 100000).ToString(CultureInfo.InvariantCulture)
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private static MultipartFormDataContent Multipart(Random r)
    {
        var form = new MultipartFormDataContent();
        if (r.Next(4) != 0) form.Add(new StringContent(Calendar(r), Encoding.UTF8, "text/calendar"), r.Next(5) == 0 ? "other" : "file", "busy.ics");
        else form.Add(new StringContent("x"), "field");
        return form;
    }

    private static string Cut(string s, int max) => s.Length > max ? s[..max] + "…" : s;
}
