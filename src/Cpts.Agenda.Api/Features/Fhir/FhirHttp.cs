using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>FHIR JSON on the wire: Firely's serializer, <c>application/fhir+json</c>, errors as OperationOutcome.</summary>
public static class FhirHttp
{
    public const string JsonType = "application/fhir+json";
    public const string NdjsonType = "application/fhir+ndjson";

    // Firely's System.Text.Json converters (compact). Answers are written straight to the response: a
    // 25-practitioner searchset is ~200 KB, which as a string and then bytes would land twice on the large
    // object heap per request (docs/PERFORMANCE.md).
    public static readonly JsonSerializerOptions SerializerOptions = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), SerializerOptions);

    public static IResult Json(Resource resource, int status = StatusCodes.Status200OK) => new FhirJsonResult(resource, status);

    private sealed class FhirJsonResult(Resource resource, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = JsonType + "; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, resource, resource.GetType(), SerializerOptions, context.RequestAborted);
        }
    }

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, string diagnostics) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = diagnostics }],
    };

    public static IResult Error(int status, OperationOutcome.IssueType type, string diagnostics) => Json(Outcome(type, diagnostics), status);

    public static IResult Error(Error error) => Json(Outcome(error.Kind switch
    {
        ErrorKind.NotFound => OperationOutcome.IssueType.NotFound,
        ErrorKind.Forbidden => OperationOutcome.IssueType.Forbidden,
        ErrorKind.Conflict => OperationOutcome.IssueType.Conflict,
        ErrorKind.Rule => OperationOutcome.IssueType.BusinessRule,
        _ => OperationOutcome.IssueType.Invalid,
    }, Describe(error)), error.Status);

    /// <summary>A use case's resource as FHIR JSON, or its error as an OperationOutcome.</summary>
    public static IResult Answer<T>(Result<T> result) where T : Resource => Answer(result, resource => Json(resource));

    /// <summary>A use case's answer written by <paramref name="write"/>, or its error as an OperationOutcome.</summary>
    public static IResult Answer<T>(Result<T> result, Func<T, IResult> write) => result.Error is { } error ? Error(error) : write(result.Value!);

    private static string Describe(Error error) => error.Fields is { Count: > 0 } fields
        ? string.Join(" ", fields.SelectMany(f => f.Value))
        : error.Detail;

    public static Task WriteAsync(HttpContext context, int status, OperationOutcome.IssueType type, string diagnostics) =>
        Json(Outcome(type, diagnostics), status).ExecuteAsync(context);
}
