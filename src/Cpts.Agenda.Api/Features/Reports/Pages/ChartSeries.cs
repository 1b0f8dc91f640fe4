namespace Cpts.Agenda.Api.Features.Reports.Pages;

/// <summary>One series of a bar chart: its name (legend), colour and one value per category.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<long> Values);
