using Microsoft.AspNetCore.Http.HttpResults;

namespace Cpts.Agenda.Api.Infrastructure;

public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Rule,
}

/// <summary>An expected failure of a use case: a value, never an exception.</summary>
public sealed record Error(ErrorKind Kind, string Title, string Detail, IDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string what) => new(ErrorKind.NotFound, "Not found", $"{what} does not exist.");
    public static Error Forbidden(string detail) => new(ErrorKind.Forbidden, "Forbidden", detail);
    public static Error Conflict(string detail) => new(ErrorKind.Conflict, "Conflict", detail);
    public static Error Rule(string detail) => new(ErrorKind.Rule, "Rule broken", detail);
    public static Error Invalid(IDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "Invalid request", "One or more fields are invalid.", fields);
    public static Error Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public int Status => Kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>What a handler returns: a value or an expected failure.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        if (Error is { } e) return e;
        return map(Value!);
    }
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>An empty success, for use cases that return nothing.</summary>
public sealed record Done
{
    public static readonly Done Value = new();
}

/// <summary>Turns use-case results into TypedResults.</summary>
public static class ResultHttp
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOk<T>(this Result<T> result)
    {
        if (result.Error is not { } e) return TypedResults.Ok(result.Value!);
        return e.Kind == ErrorKind.Validation ? ValidationOf(e) : ProblemOf(e);
    }

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location)
    {
        if (result.Error is not { } e) return TypedResults.Created(location(result.Value!), result.Value!);
        return e.Kind == ErrorKind.Validation ? ValidationOf(e) : ProblemOf(e);
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this Result<T> result)
    {
        if (result.Error is not { } e) return TypedResults.NoContent();
        return e.Kind == ErrorKind.Validation ? ValidationOf(e) : ProblemOf(e);
    }

    public static ValidationProblem ValidationOf(Error e) =>
        TypedResults.ValidationProblem(e.Fields ?? new Dictionary<string, string[]>(), detail: e.Detail, title: e.Title);

    /// <summary>A problem; its fields (which slot of a batch clashed, and why) in errors, as for validation.</summary>
    public static ProblemHttpResult ProblemOf(Error e) => TypedResults.Problem(e.Detail, statusCode: e.Status, title: e.Title,
        extensions: e.Fields is { Count: > 0 } fields ? new Dictionary<string, object?> { ["errors"] = fields } : null);
}

/// <summary>Collects field errors; one message list per field.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Failed => _errors.Count > 0;

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok) Add(field, message);
        return this;
    }

    public Validation Required(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{field} is required.");
        else if (value.Length > maxLength) Add(field, $"{field} must be at most {maxLength} characters.");
        return this;
    }

    public Validation Optional(string? value, string field, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"{field} must be at most {maxLength} characters.");
        return this;
    }

    public Validation OneOf(string? value, string field, IReadOnlyCollection<string> allowed)
    {
        if (value is null || !allowed.Contains(value)) Add(field, $"{field} must be one of: {string.Join(", ", allowed)}.");
        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public Error ToError() => Error.Invalid(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
