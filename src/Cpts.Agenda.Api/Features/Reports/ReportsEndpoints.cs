namespace Cpts.Agenda.Api.Features.Reports;

/// <summary>The routes of CPTS indicators: method, path, handler, roles, summary.</summary>
public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/indicators", (string? from, string? to, HttpRequest request, IMediator m, CancellationToken ct) =>
                Indicators.AnswerAsync(from, to, request, m, ct))
            .WithTags("Reports")
            .WithSummary("CPTS indicators of a period, in total and per week (JSON, or CSV with Accept: text/csv).")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        // The indicators page's download: the same figures and file, for the page's session (the API takes bearer tokens only).
        app.MapGet("/coordination/indicateurs.csv", (string? du, string? au, IMediator m, CancellationToken ct) =>
                Indicators.DownloadAsync(du, au, m, ct))
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator))
            .ExcludeFromDescription();
        return app;
    }
}
