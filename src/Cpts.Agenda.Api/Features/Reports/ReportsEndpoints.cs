using Microsoft.AspNetCore.Http.HttpResults;

namespace Cpts.Agenda.Api.Features.Reports;

/// <summary>The routes of CPTS indicators: method, path, handler, roles, summary.</summary>
public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/indicators", async Task<Results<Ok<IndicatorsReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string? from, string? to, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var result = await m.Send(new Indicators.Query(from, to), ct);
                if (result.Error is { } e) return e.Kind == ErrorKind.Validation ? ResultHttp.ValidationOf(e) : ResultHttp.ProblemOf(e);
                return Indicators.WantsCsv(request) ? Indicators.CsvFile(result.Value!) : TypedResults.Ok(result.Value!);
            })
            .WithTags("Reports")
            .WithSummary("CPTS indicators of a period, in total and per week (JSON, or CSV with Accept: text/csv).")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        // The indicators page's download: the same figures and file, for the page's session (the API takes bearer tokens only).
        app.MapGet("/coordination/indicateurs.csv", async Task<Results<FileContentHttpResult, BadRequest>> (string? du, string? au, IMediator m, CancellationToken ct) =>
                await m.Send(new Indicators.Query(du, au), ct) is { Value: { } report }
                    ? Indicators.CsvFile(report)
                    : TypedResults.BadRequest())
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator))
            .ExcludeFromDescription();
        return app;
    }
}
