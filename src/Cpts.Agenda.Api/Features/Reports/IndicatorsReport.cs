namespace Cpts.Agenda.Api.Features.Reports;

public sealed record IndicatorsReport(DateOnly From, DateOnly To, IndicatorFigures Totals, IReadOnlyList<WeekIndicators> Weeks);
