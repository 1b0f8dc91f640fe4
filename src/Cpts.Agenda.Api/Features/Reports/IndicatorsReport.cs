using System.Text;
using System.Text.Json;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Reports;

public sealed record IndicatorsReport(DateOnly From, DateOnly To, IndicatorFigures Totals, IReadOnlyList<WeekIndicators> Weeks);
