using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// SMART Scheduling Links (smart-on-fhir/smart-scheduling-links, specification.md): a public
/// <c>$bulk-publish</c> manifest pointing at NDJSON files of Location, Schedule and Slot, so any aggregator
/// can follow the territory's SAS-visible availability with plain GETs (anyone, no sign-in). Slots are free
/// and busy (booked); free ones carry the booking-deep-link extension. <c>_since</c> narrows the Slot file to
/// what changed; the specification knows only <c>free</c> and <c>busy</c>, so a slot withdrawn since then is
/// retracted as <c>busy</c> without a deep link (and is absent from the whole file). Location and Schedule
/// files are always whole. The use cases read <c>_since</c> and the file's type themselves (400 and 404
/// OperationOutcomes); <see cref="Serve"/> answers with the ETag, or 304.
/// Side effects: none; triggers: none.
/// </summary>
public static class BulkPublish
{
    public const string DeepLinkExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
    public static readonly IReadOnlyList<string> Types = ["Location", "Schedule", "Slot"];

    public sealed record Manifest(
        [property: JsonPropertyName("transactionTime")] string TransactionTime,
        [property: JsonPropertyName("request")] string Request,
        [property: JsonPropertyName("output")] IReadOnlyList<ManifestOutput> Output,
        [property: JsonPropertyName("error")] IReadOnlyList<object> Errors);

    public sealed record ManifestOutput([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("url")] string Url);

    /// <summary>A body to serve with its strong ETag.</summary>
    public sealed record Payload(string Body, string ContentType, string ETag);

    /// <summary>The manifest for a request: the raw <c>_since</c>; <paramref name="RequestUrl"/> is the URL as requested (the manifest's <c>request</c>).</summary>
    public sealed record ManifestQuery(string Since, string RequestUrl) : IRequest<Result<Payload>>
    {
        public static ManifestQuery From(HttpRequest request, SasResources resources) =>
            new(request.Query["_since"].ToString(), $"{resources.FhirBase}/$bulk-publish{request.QueryString}");
    }

    /// <summary>One file: the type as requested (Location, Schedule or Slot, else a 404) and the raw <c>_since</c>.</summary>
    public sealed record FileQuery(string Type, string Since) : IRequest<Result<Payload>>
    {
        public static FileQuery From(string type, HttpRequest request) => new(type, request.Query["_since"].ToString());
    }

    private const string Rows = SasSlotRow.Select + """
        WHERE s.visibility = 'sas' AND s.ends_at > @Now
          AND (CASE WHEN @Since::timestamptz IS NULL THEN s.status <> 'withdrawn' ELSE s.updated_at > @Since END)
        ORDER BY s.starts_at, s.id
        """;

    private const string LastChange = """
        SELECT greatest(
            (SELECT max(updated_at) FROM slots WHERE visibility = 'sas'),
            (SELECT max(created_at) FROM sites),
            (SELECT max(created_at) FROM practitioners))
        """;

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = false };

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, SasResources resources)
        : IRequestHandler<ManifestQuery, Result<Payload>>, IRequestHandler<FileQuery, Result<Payload>>
    {
        public async ValueTask<Result<Payload>> Handle(ManifestQuery query, CancellationToken ct)
        {
            var requested = Since(query.Since);
            if (requested.Error is { } invalid) return invalid;
            await using var c = await db.OpenConnectionAsync(ct);
            var last = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition(LastChange, cancellationToken: ct));
            // The data set is as of its last change: a client passes transactionTime back as _since.
            var transactionTime = last is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : clock.GetUtcNow();
            var since = requested.Value is { } s ? "?_since=" + Uri.EscapeDataString(Precise(s)) : "";
            var manifest = new Manifest(
                Precise(transactionTime),
                query.RequestUrl,
                Types.Select(type => new ManifestOutput(type, $"{resources.FhirBase}/bulk/{type}.ndjson{(type == "Slot" ? since : "")}")).ToList(),
                []);
            return Seal(JsonSerializer.Serialize(manifest, ManifestJson), "application/json");
        }

        public async ValueTask<Result<Payload>> Handle(FileQuery query, CancellationToken ct)
        {
            if (!Types.Contains(query.Type)) return new Error(ErrorKind.NotFound, "Not found", "Files are Location, Schedule and Slot.");
            var requested = Since(query.Since);
            if (requested.Error is { } invalid) return invalid;
            var now = clock.GetUtcNow();
            var since = query.Type == "Slot" ? requested.Value : null;
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<SasSlotRow>(new CommandDefinition(Rows, new { Now = now, Since = since }, cancellationToken: ct))).ToList();
            IEnumerable<Resource> resources1 = query.Type switch
            {
                "Location" => rows.DistinctBy(SasResources.LocationId).Select(r => resources.Location(r, contained: false)),
                "Schedule" => rows.DistinctBy(SasResources.ScheduleId).Select(Schedule),
                _ => rows.Select(Slot),
            };
            var body = new StringBuilder();
            foreach (var resource in resources1) body.Append(FhirHttp.Serialize(resource)).Append('\n');
            return Seal(body.ToString(), FhirHttp.NdjsonType);
        }

        private static Schedule Schedule(SasSlotRow r) => new()
        {
            Id = SasResources.ScheduleId(r),
            ServiceType = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/service-type", "124", "General Practice", null)],
            Actor = [new ResourceReference($"Location/{SasResources.LocationId(r)}")],
            Comment = $"Dr {r.FirstName} {r.LastName} (RPPS {r.Rpps})",
        };

        private Slot Slot(SasSlotRow r)
        {
            var slot = new Slot
            {
                Id = r.Id.ToString(),
                Schedule = new ResourceReference($"Schedule/{SasResources.ScheduleId(r)}"),
                // free or busy only (specification.md, Slot file): withdrawn is retracted as busy.
                Status = r.Status == "free" ? Hl7.Fhir.Model.Slot.SlotStatus.Free : Hl7.Fhir.Model.Slot.SlotStatus.Busy,
                ServiceType = [new CodeableConcept(SasResources.ActCode, SasResources.ConsultationCode(r.Mode))],
                StartElement = new Instant(Paris.ToLocal(r.StartsAt)),
                EndElement = new Instant(Paris.ToLocal(r.EndsAt)),
            };
            if (r.Status == "free") slot.Extension.Add(new Extension(DeepLinkExtension, new FhirUrl(resources.BookingUrl(r.Id))));
            return slot;
        }
    }

    /// <summary>Microsecond precision, as stored: a transactionTime given back as _since must not lose the last change.</summary>
    private static string Precise(DateTimeOffset instant) =>
        Paris.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);

    private static Payload Seal(string body, string contentType) =>
        new(body, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32] + "\"");

    /// <summary>The query's _since: absent (null), or an instant with an offset; anything else is invalid (400).</summary>
    private static Result<DateTimeOffset?> Since(string raw)
    {
        if (raw.Length == 0) return (DateTimeOffset?)null;
        if (SearchSlots.ParseDate(raw, upperBound: false) is { } since) return since;
        return Error.Invalid("_since", "_since must be an instant with an offset, e.g. 2026-03-29T08:30:00+02:00.");
    }

    /// <summary>200 with the body and its ETag, or 304 when the client already has it; an error as an OperationOutcome, without ETag.</summary>
    public static IResult Serve(HttpContext context, Result<Payload> result)
    {
        if (result.Error is { } error) return FhirHttp.Error(error);
        var payload = result.Value!;
        context.Response.Headers.ETag = payload.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        var known = context.Request.Headers.IfNoneMatch.ToString();
        if (known.Length > 0 && known.Split(',').Select(t => t.Trim()).Any(t => t == payload.ETag || t == "W/" + payload.ETag || t == "*"))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Text(payload.Body, payload.ContentType + "; charset=utf-8", Encoding.UTF8);
    }
}
