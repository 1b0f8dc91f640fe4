using System.Globalization;
using System.Text;
using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>EXPLAIN (ANALYZE, BUFFERS) of the service's search SQL for a few typical regulator searches.</summary>
public static class Explain
{
    public const string Index = "slots_free_by_profession_start";
    /// <summary>The index a search narrowed by a radius or a postal code reads (0016_search_by_place.sql).</summary>
    public const string PlaceIndex = "slots_free_by_site_profession_start";

    public sealed record Plan(string Label, string Text, bool UsesIndex, string Index);

    public static async Task<List<Plan>> RunAsync(NpgsqlDataSource db)
    {
        var shape = await SeededShape.ReadAsync(db);
        var regulator = new Caller("bench-regulator", Roles.Regulator, null);
        var from = shape.FirstStart.AddDays(3).AddHours(1);
        var center = string.Create(CultureInfo.InvariantCulture, $"{(shape.MinLat + shape.MaxLat) / 2:0.0000},{(shape.MinLon + shape.MaxLon) / 2:0.0000}");
        var cases = new (string Label, SearchAvailability.Query Query)[]
        {
            ("generalist, 20 km, 12 h", new(regulator, Paris.Format(from), Paris.Format(from.AddHours(12)), "generalist", null, center, 20, null, null, null)),
            ("generalist, anywhere, 12 h", new(regulator, Paris.Format(from), Paris.Format(from.AddHours(12)), "generalist", null, null, null, null, null, null)),
            ("generalist, 20 km, 24 h", new(regulator, Paris.Format(from), Paris.Format(from.AddHours(24)), "generalist", null, center, 20, null, null, null)),
            ("generalist, 10 km, 4 h, in-person", new(regulator, Paris.Format(from), Paris.Format(from.AddHours(4)), "generalist", "in-person", center, 10, null, null, null)),
            ("nurse, 30 km, 24 h, postal code", new(regulator, Paris.Format(from), Paris.Format(from.AddHours(24)), "nurse", null, center, 30, shape.PostalCodes.FirstOrDefault(), null, null)),
            ("physiotherapist, 15 km, 7 days", new(regulator, Paris.Format(from), Paris.Format(from.AddDays(7)), "physiotherapist", null, center, 15, null, null, null)),
        };
        var plans = new List<Plan>();
        await using var c = await db.OpenConnectionAsync();
        foreach (var (label, query) in cases)
        {
            var criteria = SearchWorkload.Criteria(query);
            var sql = SearchAvailability.SqlFor(criteria);
            var lines = await c.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS) " + sql, SearchAvailability.Parameters(criteria));
            var text = string.Join('\n', lines);
            var index = sql == SearchAvailability.PlaceSql ? PlaceIndex : Index;
            plans.Add(new Plan(label, text, text.Contains(index, StringComparison.Ordinal), index));
        }
        return plans;
    }

    public static string ToMarkdown(IEnumerable<Plan> plans)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Search query plans (EXPLAIN ANALYZE, BUFFERS)").AppendLine();
        foreach (var p in plans)
        {
            sb.AppendLine($"### {p.Label}: {(p.UsesIndex ? $"uses `{p.Index}`" : $"**does not use `{p.Index}`**")}").AppendLine();
            sb.AppendLine("```").AppendLine(p.Text).AppendLine("```").AppendLine();
        }
        return sb.ToString();
    }
}
