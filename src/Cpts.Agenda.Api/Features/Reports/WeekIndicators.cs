namespace Cpts.Agenda.Api.Features.Reports;

public sealed record WeekIndicators(DateOnly WeekStart, IndicatorFigures Figures);
