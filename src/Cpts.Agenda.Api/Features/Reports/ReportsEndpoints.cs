using System.Globalization;
using Cpts.Agenda.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cpts.Agenda.Api.Features.Reports;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/indicators", async Task<Results<Ok<IndicatorsReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                string? from, string? to, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var result = await m.Send(new Indicators.Query(from, to), ct);
                if (result.Error is { } e) return e.Kind == ErrorKind.Validation ? ResultHttp.ValidationOf(e) : ResultHttp.ProblemOf(e);
                var wantsCsv = request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
                return wantsCsv
                    ? TypedResults.File(Indicators.ToCsv(result.Value!), "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"indicateurs-{result.Value!.From:yyyy-MM-dd}-{result.Value.To:yyyy-MM-dd}.csv"))
                    : TypedResults.Ok(result.Value!);
            })
            .WithTags("Reports")
            .WithSummary("CPTS indicators of a period, in total and per week (JSON, or CSV with Accept: text/csv).")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator));
        return app;
    }
}
