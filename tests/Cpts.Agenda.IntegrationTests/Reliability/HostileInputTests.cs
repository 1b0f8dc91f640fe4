using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpts.Agenda.IntegrationTests.Infrastructure;

namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class LooseLimitsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Agenda:RateLimits:Enabled"] = "false" };
}

/// <summary>
/// Generated requests against every route of /openapi/v1.json: wrong types, missing fields, huge
/// strings, odd Unicode, impossible dates, injection strings. Whatever comes in, the answer is never
/// a 5xx and every error is a problem document. HOSTILE_REQUESTS sets the count per route (CI: small).
/// </summary>
public sealed class HostileInputTests(LooseLimitsApp app) : IClassFixture<LooseLimitsApp>
{
    private static readonly int PerOperation = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_REQUESTS"), out var n) ? n : 25;

    private static readonly JsonNode?[] Junk =
    [
        JsonValue.Create(""), JsonValue.Create(new string('x', 20_000)), JsonValue.Create("'; DROP TABLE slots; --"),
        JsonValue.Create("\u0000\uFFFE\U0001F600\u202E"), JsonValue.Create("9999-99-99T99:99:99Z"), JsonValue.Create("0001-01-01T00:00:00Z"),
        JsonValue.Create("2026-02-30T08:00:00+01:00"), JsonValue.Create("24:61"), JsonValue.Create(-1), JsonValue.Create(1e308),
        JsonValue.Create(int.MaxValue), JsonValue.Create(true), null, new JsonArray(), new JsonObject(), JsonValue.Create("<script>alert(1)</script>"),
        JsonValue.Create("00000000-0000-0000-0000-000000000000"), JsonValue.Create("../../etc/passwd"), JsonValue.Create("%00"),
    ];

    private static JsonNode? Plausible(Random r) => r.Next(12) switch
    {
        0 => JsonValue.Create(Guid.NewGuid().ToString()),
        1 => JsonValue.Create(DateTimeOffset.UtcNow.AddHours(r.Next(-48, 800)).ToString("yyyy-MM-dd'T'HH:00:00zzz", System.Globalization.CultureInfo.InvariantCulture)),
        2 => JsonValue.Create("08:30"),
        3 => JsonValue.Create(new[] { "generalist", "nurse", "sas", "cpts", "in-person", "teleconsultation", "practitioner", "attended", "room", "site" }[r.Next(10)]),
        4 => JsonValue.Create(r.Next(0, 100)),
        5 => JsonValue.Create(47.6 + r.NextDouble()),
        6 => JsonValue.Create(r.Next(2) == 0),
        7 => JsonValue.Create("1961-04-12"),
        _ => Junk[r.Next(Junk.Length)]?.DeepClone(),
    };

    [Fact]
    public async Task No_generated_request_gets_a_5xx_and_every_error_is_a_problem_document()
    {
        var doc = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK));
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count >= 10, "the OpenAPI document lists the routes");
        var random = new Random(20261123);
        var gp = await app.NewPractitionerAsync();
        var clients = new[] { app.Coordinator(), app.Practitioner(gp.Id), app.Regulator(), app.As("nurse", gp.Id), app.As("sas"), app.CreateClient() };
        var failures = new List<string>();

        foreach (var (method, path, body, queryNames) in operations)
        {
            for (var i = 0; i < PerOperation; i++)
            {
                var url = Fill(path, random) + Query(queryNames, random);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (body is not null || method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent(Body(body, doc, random), Encoding.UTF8, random.Next(15) == 0 ? "text/plain" : "application/json");
                var response = await clients[random.Next(clients.Length)].SendAsync(request);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || (status >= 400 && type is not ("application/problem+json" or "application/fhir+json")))
                    failures.Add($"{method} {url} → {status} {type}: {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static string Truncate(string s) => s.Length > 300 ? s[..300] : s;

    private static IEnumerable<(string Method, string Path, JsonElement? Body, List<string> Query)> Operations(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            if (path.Name.StartsWith("/auth", StringComparison.Ordinal)) continue;
            foreach (var op in path.Value.EnumerateObject())
            {
                var query = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                JsonElement? body = op.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content)
                    && content.EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } media && media.TryGetProperty("schema", out var schema)
                    ? schema : null;
                yield return (op.Name.ToUpperInvariant(), path.Name, body, query);
            }
        }
    }

    private static string Fill(string path, Random r) => System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", _ => r.Next(6) switch
    {
        0 => "not-a-guid",
        1 => Uri.EscapeDataString("\u00e9\U0001F600'--"),
        2 => new string('9', 300),
        _ => Guid.NewGuid().ToString(),
    });

    private static string Query(List<string> names, Random r)
    {
        if (names.Count == 0) return "";
        var parts = names.Where(_ => r.Next(2) == 0).Select(n => $"{n}={Uri.EscapeDataString(Plausible(r)?.ToJsonString().Trim('"') ?? "")}");
        var q = string.Join('&', parts);
        return q.Length == 0 ? "" : "?" + q;
    }

    private static string Body(JsonElement? schema, JsonElement doc, Random r) => r.Next(10) switch
    {
        0 => "{",
        1 => "[]",
        2 => "null",
        3 => "\"just a string\"",
        _ => (Generate(schema, doc, r, 0) ?? JsonValue.Create("x"))!.ToJsonString(),
    };

    /// <summary>An instance of the schema whose leaves are a mix of plausible values and junk, with fields sometimes missing.</summary>
    private static JsonNode? Generate(JsonElement? schema, JsonElement doc, Random r, int depth)
    {
        if (schema is not { } s || depth > 4) return Plausible(r);
        if (s.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            return doc.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var target) ? Generate(target, doc, r, depth + 1) : Plausible(r);
        }
        if (s.TryGetProperty("properties", out var props))
        {
            var obj = new JsonObject();
            foreach (var p in props.EnumerateObject())
            {
                if (r.Next(8) == 0) continue; // a missing field
                obj[p.Name] = r.Next(6) == 0 ? Junk[r.Next(Junk.Length)]?.DeepClone() : Generate(p.Value, doc, r, depth + 1);
            }
            return obj;
        }
        if (s.TryGetProperty("items", out var items))
        {
            var arr = new JsonArray();
            for (var i = r.Next(4); i > 0; i--) arr.Add(Generate(items, doc, r, depth + 1));
            return arr;
        }
        return Plausible(r);
    }
}
