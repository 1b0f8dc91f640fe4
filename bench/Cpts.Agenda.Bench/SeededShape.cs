using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>What the load driver needs to know about the seeded agenda, read from the database itself.</summary>
public sealed record SeededShape(DateTimeOffset FirstStart, DateTimeOffset LastStart, double MinLat, double MaxLat, double MinLon, double MaxLon, string[] PostalCodes)
{
    public static async Task<SeededShape> ReadAsync(NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        var slots = await c.QuerySingleAsync<(DateTime? First, DateTime? Last)>("SELECT min(starts_at), max(starts_at) FROM slots WHERE starts_at > now()");
        if (slots.First is null || slots.Last is null) throw new InvalidOperationException("The database has no future slots: run the seed command first.");
        var box = await c.QuerySingleAsync<(double MinLat, double MaxLat, double MinLon, double MaxLon)>(
            "SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM sites");
        var codes = (await c.QueryAsync<string>("SELECT DISTINCT postal_code FROM sites ORDER BY 1")).ToArray();
        return new SeededShape(Utc(slots.First.Value), Utc(slots.Last.Value), box.MinLat, box.MaxLat, box.MinLon, box.MaxLon, codes);
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
