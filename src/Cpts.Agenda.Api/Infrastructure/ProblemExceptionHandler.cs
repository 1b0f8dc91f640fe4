using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// The one place that turns exceptions into problem details. Expected failures are values
/// (see Result); what reaches here is malformed input, a constraint the database enforced,
/// a database that is away, or a bug. Messages never echo request values (patient data).
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        // The route's pattern, not the path: a feed's path is its secret token.
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (status >= 500) logger.LogError(exception, "Request {Method} {Route} failed with {Status}", httpContext.Request.Method, route, status);
        else logger.LogInformation("Request {Method} {Route} refused with {Status}: {Title}", httpContext.Request.Method, route, status, title);

        if (status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "5";
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = FieldOf(exception) is { } field
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Name] = [field.Message] }) { Status = status, Title = title, Detail = detail }
                : new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The body field a JSON error is about ("$.patient.birthDate" → "patient.birthDate"), with what it
    /// must be: a 400 names the field like the handlers' validation errors do.
    /// </summary>
    internal static (string Name, string Message)? FieldOf(Exception exception)
    {
        var json = exception as JsonException ?? (exception as BadHttpRequestException)?.InnerException as JsonException;
        if (json is not { Path: { Length: > 2 } path } || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        var name = path[2..];
        return (name, json is InvalidDateException ? $"{name}: {json.Message}" : $"{name} is malformed or has the wrong type.");
    }

    internal static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, "Request body too large", $"Request bodies are limited to {ErrorHandling.MaxRequestBodyBytes / 1024} KB."),
        BadHttpRequestException { InnerException: InvalidDateException { Path: { Length: > 0 } path } } =>
            (400, "Invalid request", $"The date or instant at '{path}' is malformed or out of range ({Dates.RangeText})."),
        BadHttpRequestException bad => (bad.StatusCode, "Malformed request", Describe(bad)),
        InvalidDateException { Path: { Length: > 0 } path } =>
            (400, "Invalid request", $"The date or instant at '{path}' is malformed or out of range ({Dates.RangeText})."),
        // Bodies a feature reads itself (several content types on one route) fail the same way.
        JsonException { Path: { Length: > 0 } path } => (400, "Malformed request", $"The JSON body is malformed or has a value of the wrong type at '{path}'."),
        JsonException => (400, "Malformed request", "The JSON body is malformed."),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation } pg =>
            (409, "Conflict", Constraints.Describe(pg.ConstraintName)),
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg =>
            (422, "Rule broken", Constraints.Describe(pg.ConstraintName)),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable } =>
            (409, "Conflict", "Another request changed the same data at the same time; try again."),
        PostgresException pg when pg.SqlState.StartsWith("22", StringComparison.Ordinal) =>
            (400, "Invalid value", "A value is out of range or malformed."),
        PostgresException pg when pg.SqlState.StartsWith("23", StringComparison.Ordinal) =>
            (422, "Rule broken", Constraints.Describe(pg.ConstraintName)),
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.CrashShutdown } =>
            (503, "Database unavailable", "The database is not reachable right now; try again shortly."),
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } or NpgsqlException { IsTransient: true } or TimeoutException =>
            (503, "Database unavailable", "The database is not reachable right now; try again shortly."),
        _ => (500, "Unexpected error", "The request could not be completed. The error has been logged with the trace id."),
    };

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { Length: > 0 } path } => $"The JSON body is malformed or has a value of the wrong type at '{path}'.",
        JsonException => "The JSON body is malformed.",
        _ when bad.Message.Contains("Required parameter", StringComparison.Ordinal) => "The request body is missing or empty.",
        _ when bad.Message.Contains("Failed to bind parameter", StringComparison.Ordinal) => "A route or query parameter has the wrong format.",
        _ when bad.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) => "The request body must be JSON (Content-Type: application/json).",
        _ => "The request could not be read.",
    };
}
