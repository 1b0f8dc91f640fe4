using Microsoft.AspNetCore.Http.HttpResults;

namespace Cpts.Agenda.Api.Infrastructure;

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
