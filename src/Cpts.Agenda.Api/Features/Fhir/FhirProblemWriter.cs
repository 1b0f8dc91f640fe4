using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Every error under /fhir is an OperationOutcome (application/fhir+json), whoever writes it: the
/// exception handler (500, 503, malformed requests), the status code pages (401, 403, 404, 405) and
/// the rate limiter (429). Registered ahead of the problem+json writer, it takes the FHIR routes only.
/// </summary>
public sealed class FhirProblemWriter : IProblemDetailsWriter
{
    public const string Prefix = "/fhir";

    public bool CanWrite(ProblemDetailsContext context) =>
        context.HttpContext.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var diagnostics = context.ProblemDetails.Detail ?? context.ProblemDetails.Title
            ?? Phrase(status);
        if (context.ProblemDetails.Extensions.TryGetValue("traceId", out var trace) && trace is not null)
            diagnostics += $" (trace id {trace})";
        // The status code pages run after the endpoint: a response already started cannot be rewritten.
        if (http.Response.HasStarted || http.Features.Get<IHttpResponseBodyFeature>() is null) return ValueTask.CompletedTask;
        return new ValueTask(FhirHttp.WriteAsync(http, status, TypeOf(status), diagnostics));
    }

    public static OperationOutcome.IssueType TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status405MethodNotAllowed => OperationOutcome.IssueType.NotSupported,
        StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooCostly,
        StatusCodes.Status422UnprocessableEntity => OperationOutcome.IssueType.BusinessRule,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
        >= 500 => OperationOutcome.IssueType.Exception,
        _ => OperationOutcome.IssueType.Invalid,
    };

    private static string Phrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}";
}
