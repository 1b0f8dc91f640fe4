using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>
/// The .ics feed of a practitioner holding 5,000 events (the full answer and the 304 answer) and the
/// SAS platform's FHIR Slot search over 25 practitioners, against the running service.
/// </summary>
public static class FeedAndFhirBench
{
    public const string FeedFull = "GET /ical feed, 5,000 events (full answer)";
    public const string FeedNotModified = "GET /ical feed, 5,000 events (304)";
    public const string FhirSlot = "GET /fhir/Slot, 25 practitioners, 1 day";

    private static AuthenticationHeaderValue Bearer(string role, string? signingKey)
    {
        var values = new Dictionary<string, string?>();
        if (signingKey is not null) values["Auth:DevSigningKey"] = signingKey;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new AuthenticationHeaderValue("Bearer", Auth.Issue(config, role, null, $"bench-{role}"));
    }

    /// <summary>Every request goes through the given (anonymous) client; tokens are set per request.</summary>
    public static async Task<List<string>> RunAsync(LoadSettings s, HttpClient anonymous, NpgsqlDataSource db, Action<ScenarioStats> add)
    {
        var notes = new List<string>();
        var coordinator = Bearer(Roles.Coordinator, s.SigningKey);
        var sas = Bearer(Roles.Sas, s.SigningKey);
        if (s.Runs("feed")) notes.AddRange(await RunFeedAsync(s, anonymous, db, add, coordinator));
        if (s.Runs("fhir")) await RunFhirAsync(s, anonymous, db, add, sas);
        return notes;
    }

    private static async Task<List<string>> RunFeedAsync(LoadSettings s, HttpClient anonymous, NpgsqlDataSource db, Action<ScenarioStats> add, AuthenticationHeaderValue coordinator)
    {
        var notes = new List<string>();

        // A practitioner with 5,000 five-minute slots from tomorrow on, and a feed of them.
        var practitionerId = Guid.NewGuid();
        var firstTen = "7" + Random.Shared.NextInt64(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture);
        await using (var c = await db.OpenConnectionAsync())
        {
            await c.ExecuteAsync("""
                INSERT INTO practitioners (id, rpps, first_name, last_name, profession, created_at)
                VALUES (@Id, @Rpps, 'Flux', 'Bench', 'generalist', now());
                INSERT INTO slots (id, practitioner_id, profession, starts_at, ends_at, mode, visibility, created_at, updated_at)
                SELECT gen_random_uuid(), @Id, 'generalist', t, t + interval '5 minutes', 'teleconsultation', 'cpts', now(), now()
                FROM generate_series(date_trunc('day', now()) + interval '1 day', date_trunc('day', now()) + interval '1 day' + 4999 * interval '5 minutes', interval '5 minutes') AS t;
                """, new { Id = practitionerId, Rpps = firstTen + Rpps.CheckDigit(firstTen) });
        }
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/feeds") { Content = JsonContent.Create(new { scope = "practitioner", id = practitionerId }) };
        create.Headers.Authorization = coordinator;
        using var created = await anonymous.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var feedPath = new Uri((await created.Content.ReadFromJsonAsync<FeedCreated>())!.Url).PathAndQuery;

        var first = System.Diagnostics.Stopwatch.StartNew();
        using (var cold = await anonymous.GetAsync(feedPath))
        {
            var body = await cold.Content.ReadAsByteArrayAsync();
            first.Stop();
            var etag = cold.Headers.ETag?.Tag ?? "";
            var events = System.Text.Encoding.UTF8.GetString(body).Split("BEGIN:VEVENT").Length - 1;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Feed: {events:N0} events, {body.Length / 1024.0:N0} KiB; first (uncached) answer {first.Elapsed.TotalMilliseconds:N0} ms."));

            add(await LoadRunner.RunAsync(FeedFull, 1, s.Duration, s.WarmUp, async (_, ct) =>
            {
                using var r = await anonymous.GetAsync(feedPath, HttpCompletionOption.ResponseContentRead, ct);
                return r.StatusCode == HttpStatusCode.OK ? Outcome.Ok : LoadRunner.Classify((int)r.StatusCode);
            }, cpu: s.Cpu));
            add(await LoadRunner.RunAsync(FeedNotModified, 1, s.Duration, s.WarmUp, async (_, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, feedPath);
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                using var r = await anonymous.SendAsync(request, ct);
                return r.StatusCode == HttpStatusCode.NotModified ? Outcome.Ok : Outcome.ClientError;
            }, cpu: s.Cpu));
        }
        return notes;
    }

    private static async Task RunFhirAsync(LoadSettings s, HttpClient anonymous, NpgsqlDataSource db, Action<ScenarioStats> add, AuthenticationHeaderValue sas)
    {
        // The SAS platform asks for the free slots of 25 GPs over one day.
        List<string> rpps;
        await using (var c = await db.OpenConnectionAsync())
            rpps = (await c.QueryAsync<string>("SELECT rpps FROM practitioners WHERE profession = 'generalist' ORDER BY random() LIMIT 500")).AsList();
        var random = new Random(25);
        var day = DateTime.UtcNow.Date.AddDays(3);
        string FhirUrl()
        {
            var ids = string.Join(',', Enumerable.Range(0, 25).Select(_ => $"urn:oid:1.2.250.1.71.4.2.1|8{rpps[random.Next(rpps.Count)]}"));
            var from = day.AddDays(random.Next(0, 20));
            return "/fhir/Slot?status=free" +
                $"&start=ge{from:yyyy-MM-dd}&start=le{from.AddDays(1):yyyy-MM-dd}" +
                $"&schedule.actor:Practitioner.identifier={Uri.EscapeDataString(ids)}" +
                "&_include=Slot:schedule&_include:iterate=Schedule:actor&_include=Slot:service-type-reference&_include:iterate=HealthcareService:organization";
        }
        foreach (var clients in new[] { 1, 16 })
        {
            add(await LoadRunner.RunAsync(FhirSlot, clients, s.Duration, s.WarmUp, async (_, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, FhirUrl());
                request.Headers.Authorization = sas;
                using var r = await anonymous.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                return LoadRunner.Classify((int)r.StatusCode);
            }, cpu: s.Cpu));
        }
    }

    private sealed record FeedCreated(string Url);
}
