using System.Globalization;
using System.Text;

namespace Cpts.Agenda.Bench;

public sealed class LoadReport
{
    public List<ScenarioStats> Scenarios { get; } = [];
    public ContentionResult? Contention { get; set; }
    public double SearchMeanRows { get; set; }
    public double SearchEmptyShare { get; set; }
    public long? PeakRssKb { get; set; }
    public List<string> Notes { get; } = [];

    public ScenarioStats? Find(string name, int clients) => Scenarios.FirstOrDefault(s => s.Name == name && s.Clients == clients);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Load").AppendLine();
        sb.AppendLine(ScenarioStats.Header);
        foreach (var s in Scenarios) sb.AppendLine(s.Row);
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Direct-SQL searches returned {SearchMeanRows:0.0} rows on average ({SearchEmptyShare:P0} empty); the service answers at most 50 per page."));
        sb.AppendLine();
        foreach (var note in Notes) sb.AppendLine(note).AppendLine();
        sb.AppendLine("### Search: service against its floors").AppendLine();
        sb.AppendLine("| clients | search p50 / SQL p50 | search p99 / SQL p99 | search p99 − SQL p99 (ms) | /health/live p99 (ms) |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var http in Scenarios.Where(s => s.Name == Names.Search))
        {
            var sql = Find(Names.SearchSql, http.Clients);
            var live = Find(Names.Live, http.Clients);
            if (sql is null) continue;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {http.Clients} | {http.Percentile(50) / sql.Percentile(50):0.00}x | {http.Percentile(99) / sql.Percentile(99):0.00}x | {http.Percentile(99) - sql.Percentile(99):0.00} | {live?.Percentile(99):0.00} |"));
        }
        sb.AppendLine();
        if (Contention is { } c)
        {
            sb.AppendLine("### Contention").AppendLine();
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Attempts:N0} booking attempts by 64 clients on {c.Slots} slots: {c.Winners:N0} winners (201), {c.Conflicts:N0} × 409, {c.OtherClientErrors:N0} other 4xx, {c.ServerErrors:N0} × 5xx, {c.Failures:N0} failed requests. "));
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"In the database afterwards: {c.ActiveBookingsInDatabase:N0} active bookings on those slots, {c.SlotsWithTwoActiveBookings} slots with two."));
            sb.AppendLine();
        }
        if (PeakRssKb is { } kb) sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Service peak resident memory (VmRSS) during the load: {kb / 1024.0:0} MB.")).AppendLine();
        sb.AppendLine(Targets());
        return sb.ToString();
    }

    private string Targets()
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Targets (load)").AppendLine();
        sb.AppendLine("| target | measured | met |");
        sb.AppendLine("|---|---:|---|");
        if (Find(Names.Search, 16) is { } s16)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| search p99 ≤ 20 ms at 16 clients | {s16.Percentile(99):0.00} ms | {Met(s16.Percentile(99) <= 20)} |"));
            if (Find(Names.SearchSql, 16) is { } q16)
            {
                var ratio = s16.Percentile(99) / q16.Percentile(99);
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| search p99 within 1.5x of direct SQL at 16 clients | {ratio:0.00}x | {Met(ratio <= 1.5)} |"));
            }
        }
        foreach (var page in new[] { PagesBench.GpWeek, PagesBench.SearchPage })
        {
            if (Find(page, 16) is not { } p16) continue;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {page.Split(" (")[0]} page p50 ≤ 10 ms and p99 ≤ 30 ms at 16 clients, every answer checked | {p16.Percentile(50):0.00} / {p16.Percentile(99):0.00} ms, {p16.Requests - p16.Ok:N0} not ok | {Met(p16.Percentile(50) <= 10 && p16.Percentile(99) <= 30 && p16.Ok == p16.Requests)} |"));
        }
        if (Scenarios.FirstOrDefault(s => s.Name == Names.Book) is { } book)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| ≥ 1,000 successful bookings/s ({book.Clients} clients) | {book.OkPerSecond:N0}/s | {Met(book.OkPerSecond >= 1000)} |"));
        if (Contention is { } c)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| contention: no 5xx, at most one winner per slot | {c.ServerErrors} × 5xx, {c.Winners} winners / {c.Slots} slots | {Met(c.ServerErrors == 0 && c.Failures == 0 && c.Winners <= c.Slots && c.SlotsWithTwoActiveBookings == 0 && c.ActiveBookingsInDatabase == c.Winners)} |"));
        if (PeakRssKb is { } kb)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| memory ≤ 300 MB under load | {kb / 1024.0:0} MB | {Met(kb / 1024.0 <= 300)} |"));
        return sb.ToString();
    }

    internal static string Met(bool met) => met ? "yes" : "**no**";
}
