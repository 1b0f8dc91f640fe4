namespace Cpts.Agenda.Api.Infrastructure;

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
