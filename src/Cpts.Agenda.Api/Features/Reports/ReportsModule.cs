namespace Cpts.Agenda.Api.Features.Reports;

/// <summary>
/// The wiring of the CPTS indicators: MapReports maps its routes (listed in ReportsEndpoints). It has no services of its
/// own; its Mediator handlers are registered by the source generator.
/// </summary>
public static class ReportsModule
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app) => ReportsEndpoints.Map(app);
}
