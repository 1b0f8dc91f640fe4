using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cpts.Agenda.Api.Features.Reports;

/// <summary>
/// The figures a CPTS reports to its funders (ACI), over Paris-local days from..to (both included),
/// with a per-week breakdown; as JSON or as a CSV a French spreadsheet opens cleanly. For the coordinator.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class Indicators
{
    public const int MaxDays = 366;

    public sealed record Query(string? From, string? To) : IRequest<Result<IndicatorsReport>>;

    private static readonly string Sql = ReadSql("indicators.sql");

    internal static string ReadSql(string name)
    {
        using var stream = typeof(Indicators).Assembly.GetManifestResourceStream($"reports.{name}")
            ?? throw new InvalidOperationException($"Embedded report query {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Row
    {
        public DateOnly? Week { get; init; }
        public long SlotsPublished { get; init; }
        public long PractitionersPublishing { get; init; }
        public long SlotsBooked { get; init; }
        public long SlotsUnbooked { get; init; }
        public long BookingsSas { get; init; }
        public long BookingsNurse { get; init; }
        public long BookingsPharmacist { get; init; }
        public long BookingsPractitioner { get; init; }
        public long BookingsCpts { get; init; }
        public long PatientsBooked { get; init; }
        public long PatientsWithoutDoctor { get; init; }
        public long Teleconsultations { get; init; }
        public string TeleconsultationsBySite { get; init; } = "[]";
        public long ShiftsTotal { get; init; }
        public long ShiftsAssigned { get; init; }
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<IndicatorsReport>>
    {
        public async ValueTask<Result<IndicatorsReport>> Handle(Query query, CancellationToken ct)
        {
            var v = new Validation()
                .Check(query.From is not null, "from", $"from is required ({Dates.BoundText}).")
                .Check(query.To is not null, "to", $"to is required ({Dates.BoundText}).");
            var period = v.Failed ? null : v.Period(query.From, query.To, default, _ => default, TimeSpan.FromDays(MaxDays));
            if (v.Failed) return v.ToError();

            // Instants or whole Paris days: the report names the Paris days it touches, weeks are Paris weeks.
            var (start, end) = period!.Value;
            var (from, to) = (Paris.LocalDate(start), Paris.LocalDate(end.AddTicks(-1)));
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<Row>(new CommandDefinition(Sql, new
            {
                From = start, To = end, FromDate = from, ToDate = to.AddDays(1), Tz = Paris.Zone.Id, Now = clock.GetUtcNow(),
            }, cancellationToken: ct))).ToList();

            var weeks = rows.Where(r => r.Week is not null).Select(r => new WeekIndicators(r.Week!.Value, Figures(r))).ToList();
            return new IndicatorsReport(from, to, Figures(rows.Single(r => r.Week is null)), weeks);
        }

        private static IndicatorFigures Figures(Row r) => new(
            r.SlotsPublished, r.PractitionersPublishing, r.SlotsBooked, r.SlotsUnbooked,
            new ChannelCounts(r.BookingsSas, r.BookingsNurse, r.BookingsPharmacist, r.BookingsPractitioner, r.BookingsCpts),
            r.Teleconsultations, JsonSerializer.Deserialize<List<SiteCount>>(r.TeleconsultationsBySite, JsonSerializerOptions.Web)!,
            r.ShiftsTotal, r.ShiftsAssigned,
            r.PatientsBooked == 0 ? 0 : Math.Round((double)r.PatientsWithoutDoctor / r.PatientsBooked, 4));
    }

    /// <summary>
    /// GET /api/reports/indicators: the report of from..to, as JSON, or as the CSV file when the request's
    /// Accept asks for text/csv; an invalid period is a validation problem.
    /// </summary>
    public static async Task<Results<Ok<IndicatorsReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string? from, string? to, HttpRequest request, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new Query(from, to), ct);
        if (result.Error is { } e) return e.Kind == ErrorKind.Validation ? ResultHttp.ValidationOf(e) : ResultHttp.ProblemOf(e);
        return WantsCsv(request) ? CsvFile(result.Value!) : TypedResults.Ok(result.Value!);
    }

    /// <summary>The indicators page's download (du..au): the same file, or a bare 400 when the period is not one.</summary>
    public static async Task<Results<FileContentHttpResult, BadRequest>> DownloadAsync(string? du, string? au, IMediator m, CancellationToken ct) =>
        await m.Send(new Query(du, au), ct) is { Value: { } report } ? CsvFile(report) : TypedResults.BadRequest();

    /// <summary>The request asks for CSV (Accept: text/csv) rather than JSON.</summary>
    public static bool WantsCsv(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The report as a CSV download named after its period.</summary>
    public static FileContentHttpResult CsvFile(IndicatorsReport report) => TypedResults.File(ToCsv(report), "text/csv; charset=utf-8",
        string.Create(CultureInfo.InvariantCulture, $"indicateurs-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv"));

    /// <summary>One row per week and a totals row; UTF-8 with BOM, ';' separator, decimal comma.</summary>
    public static byte[] ToCsv(IndicatorsReport report)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var csv = new StringBuilder();
        csv.Append("semaine;creneaux_publies;professionnels_publiant;creneaux_reserves;creneaux_non_reserves;")
            .Append("reservations_sas;reservations_ide;reservations_pharmacien;reservations_medecin;reservations_cpts;")
            .Append("teleconsultations;gardes_total;gardes_pourvues;part_patients_sans_medecin_traitant\r\n");
        foreach (var w in report.Weeks) Line(csv, w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Figures, fr);
        Line(csv, "total", report.Totals, fr);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Line(StringBuilder csv, string label, IndicatorFigures f, CultureInfo fr)
    {
        var b = f.BookingsByChannel;
        csv.AppendJoin(';', label, f.SlotsPublished, f.PractitionersPublishing, f.SlotsBooked, f.SlotsUnbooked,
                b.Sas, b.Nurse, b.Pharmacist, b.Practitioner, b.Cpts, f.Teleconsultations, f.ShiftsTotal, f.ShiftsAssigned,
                f.PatientsWithoutRegularDoctor.ToString("0.####", fr))
            .Append("\r\n");
    }
}
