using System.Globalization;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Writes the searchset Bundle of a Slot search straight to the response. The envelope and the Slot entries
/// (the guide's FrSlotAgregateur / sas-cpts-slot-aggregator, about 1 KB each and hundreds per answer) are
/// written here with <see cref="Utf8JsonWriter"/>; the few included resources (Schedule, Practitioner,
/// PractitionerRole, HealthcareService, Organization) are built by <see cref="SasResources"/> and written by
/// Firely's serializer. Building a Firely Slot per row and serializing it cost about 15 µs and 15 KB of
/// garbage per slot; writing it here costs a fraction of that (docs/PERFORMANCE.md, FHIR search).
/// Element order and omitted empty elements follow FHIR JSON as Firely writes it.
/// </summary>
public static class SlotSearchsetWriter
{
    private static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Meta = JsonEncodedText.Encode("meta");
    private static readonly JsonEncodedText Profile = JsonEncodedText.Encode("profile");
    private static readonly JsonEncodedText Security = JsonEncodedText.Encode("security");
    private static readonly JsonEncodedText System = JsonEncodedText.Encode("system");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Coding = JsonEncodedText.Encode("coding");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Extension = JsonEncodedText.Encode("extension");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText ValueReference = JsonEncodedText.Encode("valueReference");
    private static readonly JsonEncodedText Reference = JsonEncodedText.Encode("reference");
    private static readonly JsonEncodedText ServiceType = JsonEncodedText.Encode("serviceType");
    private static readonly JsonEncodedText Specialty = JsonEncodedText.Encode("specialty");
    private static readonly JsonEncodedText AppointmentType = JsonEncodedText.Encode("appointmentType");
    private static readonly JsonEncodedText Schedule = JsonEncodedText.Encode("schedule");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText Comment = JsonEncodedText.Encode("comment");
    private static readonly JsonEncodedText FullUrl = JsonEncodedText.Encode("fullUrl");
    private static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
    private static readonly JsonEncodedText Search = JsonEncodedText.Encode("search");
    private static readonly JsonEncodedText Mode = JsonEncodedText.Encode("mode");
    private static readonly JsonEncodedText Slot = JsonEncodedText.Encode("Slot");

    // FHIR JSON is not embedded in HTML: '+' of the offsets and accented letters are written as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Entries written between two flushes of the response.</summary>
    private const int EntriesPerFlush = 64;

    public static IResult Result(SlotSearchset answer, SasResources resources) => new SearchsetResult(answer, resources);

    private sealed class SearchsetResult(SlotSearchset answer, SasResources resources) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status200OK;

        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = FhirHttp.JsonType + "; charset=utf-8";
            return WriteAsync(context.Response.BodyWriter, answer, resources, context.RequestAborted);
        }
    }

    public static async Task WriteAsync(PipeWriter output, SlotSearchset answer, SasResources resources, CancellationToken ct)
    {
        await using var w = new Utf8JsonWriter(output, WriterOptions);
        var rows = answer.Rows;
        w.WriteStartObject();
        w.WriteString(ResourceType, "Bundle");
        w.WriteString(Id, Guid.NewGuid().ToString());
        w.WriteStartObject(Meta);
        w.WriteString("lastUpdated", Instant(answer.Now));
        w.WriteStartArray(Profile);
        w.WriteStringValue(resources.CptsFlow ? SasResources.CptsBundleProfile : SasResources.BundleProfile);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("type", "searchset");
        w.WriteNumber("total", rows.Count);
        w.WriteStartArray("link");
        w.WriteStartObject();
        w.WriteString("relation", "self");
        w.WriteString(Url, answer.SelfUrl);
        w.WriteEndObject();
        w.WriteEndArray();
        if (rows.Count > 0)
        {
            w.WriteStartArray("entry");
            var scheduleIds = new Dictionary<(Guid, Guid?), string>();
            var written = 0;
            foreach (var row in rows)
            {
                var place = (row.PractitionerId, row.SiteId);
                if (!scheduleIds.TryGetValue(place, out var scheduleId)) scheduleIds[place] = scheduleId = SasResources.ScheduleId(row);
                WriteSlotEntry(w, row, scheduleId, resources);
                if (++written % EntriesPerFlush == 0) await FlushAsync(w, output, ct);
            }
            foreach (var resource in Included(rows, answer.Includes, resources))
            {
                WriteEntry(w, resources, resource);
                if (++written % EntriesPerFlush == 0) await FlushAsync(w, output, ct);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        await FlushAsync(w, output, ct);
    }

    private static async Task FlushAsync(Utf8JsonWriter w, PipeWriter output, CancellationToken ct)
    {
        await w.FlushAsync(ct);
        await output.FlushAsync(ct);
    }

    /// <summary>The resources _include and _include:iterate ask for, one per practitioner and place.</summary>
    private static IEnumerable<Resource> Included(IReadOnlyList<SasSlotRow> rows, IReadOnlySet<string> includes, SasResources resources)
    {
        if (includes.Contains(SearchSlots.IncludeSchedule))
        {
            var places = rows.DistinctBy(r => (r.PractitionerId, r.SiteId)).ToList();
            foreach (var row in places) yield return SasResources.Schedule(row);
            if (includes.Contains(SearchSlots.IncludeActor))
            {
                foreach (var row in places.DistinctBy(r => r.PractitionerId)) yield return SasResources.Practitioner(row);
                foreach (var row in places) yield return resources.PractitionerRole(row);
            }
        }
        if (resources.CptsFlow && rows.Count > 0 && includes.Contains(SearchSlots.IncludeServiceType))
        {
            yield return resources.HealthcareService();
            if (includes.Contains(SearchSlots.IncludeOrganization)) yield return resources.Organization();
        }
    }

    private static void WriteEntry(Utf8JsonWriter w, SasResources resources, Resource resource)
    {
        w.WriteStartObject();
        w.WriteString(FullUrl, $"{resources.FhirBase}/{resource.TypeName}/{resource.Id}");
        w.WritePropertyName(Resource);
        JsonSerializer.Serialize(w, resource, resource.GetType(), FhirHttp.SerializerOptions);
        WriteSearchMode(w, "include");
        w.WriteEndObject();
    }

    private static void WriteSearchMode(Utf8JsonWriter w, string mode)
    {
        w.WriteStartObject(Search);
        w.WriteString(Mode, mode);
        w.WriteEndObject();
    }

    /// <summary>One Slot entry: the slot type in meta.security, the consultation type (and for the CPTS flow the
    /// CPTS category pointing at the HealthcareService) in serviceType, ROUTINE, the booking URL in comment.</summary>
    private static void WriteSlotEntry(Utf8JsonWriter w, SasSlotRow row, string scheduleId, SasResources resources)
    {
        w.WriteStartObject();
        w.WriteString(FullUrl, $"{resources.FhirBase}/Slot/{row.Id}");
        w.WritePropertyName(Resource);
        WriteSlot(w, row, scheduleId, resources);
        WriteSearchMode(w, "match");
        w.WriteEndObject();
    }

    /// <summary>GET /fhir/Slot/{id}: the one Slot, as a search writes it.</summary>
    public static IResult SlotResult(SasSlotRow row, SasResources resources) => new SlotReadResult(row, resources);

    private sealed class SlotReadResult(SasSlotRow row, SasResources resources) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status200OK;

        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = FhirHttp.JsonType + "; charset=utf-8";
            await using var w = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
            WriteSlot(w, row, SasResources.ScheduleId(row), resources);
            await FlushAsync(w, context.Response.BodyWriter, context.RequestAborted);
        }
    }

    private static void WriteSlot(Utf8JsonWriter w, SasSlotRow row, string scheduleId, SasResources resources)
    {
        var cpts = resources.CptsFlow;
        var id = row.Id.ToString();
        w.WriteStartObject();
        w.WriteString(ResourceType, Slot);
        w.WriteString(Id, id);

        w.WriteStartObject(Meta);
        w.WriteStartArray(Profile);
        w.WriteStringValue(cpts ? SasResources.CptsSlotProfile : SasResources.SlotProfile);
        w.WriteEndArray();
        w.WriteStartArray(Security);
        WriteCoding(w, SasResources.SlotTypeSystem, "SNP");
        if (cpts) WriteCoding(w, SasResources.SlotTypeSystem, "CPTS");
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray(ServiceType);
        WriteConcept(w, SasResources.ActCode, SasResources.ConsultationCode(row.Mode), SasResources.ConsultationText(row.Mode));
        if (cpts)
        {
            w.WriteStartObject();
            w.WriteStartArray(Extension);
            w.WriteStartObject();
            w.WriteString(Url, SasResources.ServiceTypeReferenceExtension);
            w.WriteStartObject(ValueReference);
            w.WriteString(Reference, $"HealthcareService/{resources.HealthcareServiceId}");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray(Coding);
            WriteCoding(w, SasResources.CategorySystem, SasResources.CptsCategoryCode);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (row.Profession == "generalist")
        {
            w.WriteStartArray(Specialty);
            WriteConcept(w, SasResources.SpecialtySystem, SasResources.GeneralPracticeCode, SasResources.GeneralPracticeText);
            w.WriteEndArray();
        }
        w.WritePropertyName(AppointmentType);
        WriteConcept(w, SasResources.V20276, "ROUTINE", text: null);
        w.WriteStartObject(Schedule);
        w.WriteString(Reference, $"Schedule/{scheduleId}");
        w.WriteEndObject();
        w.WriteString(Status, row.Status == "free" ? "free" : "busy");
        w.WriteString(Start, Instant(row.StartsAt));
        w.WriteString(End, Instant(row.EndsAt));
        w.WriteString(Comment, resources.BookingUrl(row.Id));
        w.WriteEndObject();
    }

    private static void WriteConcept(Utf8JsonWriter w, string system, string code, string? text)
    {
        w.WriteStartObject();
        w.WriteStartArray(Coding);
        WriteCoding(w, system, code);
        w.WriteEndArray();
        if (text is not null) w.WriteString(Text, text);
        w.WriteEndObject();
    }

    private static void WriteCoding(Utf8JsonWriter w, string system, string code)
    {
        w.WriteStartObject();
        w.WriteString(System, system);
        w.WriteString(Code, code);
        w.WriteEndObject();
    }

    /// <summary>A FHIR instant in Paris time with its offset; fractions of a second only when there are some.</summary>
    public static string Instant(DateTimeOffset instant) =>
        Paris.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
