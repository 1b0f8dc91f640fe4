namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// Why a refused publication clashed, slot by slot: what the practitioner already holds at that time
/// (a slot, shift, teleconsultation, a busy time of their own calendar) or another slot of the same batch.
/// Read after the refused transaction was rolled back; the messages go in the 409's errors, keyed
/// like validation errors (slots[3]).
/// </summary>
public static class SlotOverlaps
{
    private const string Sql = """
        SELECT s.i, c.source_kind AS kind, lower(c.during) AS starts_at, upper(c.during) AS ends_at
        FROM unnest(@PractitionerIds, @Starts, @Ends) WITH ORDINALITY AS s(practitioner_id, starts_at, ends_at, i)
        JOIN commitments c ON c.holder_id = s.practitioner_id AND c.during && tstzrange(s.starts_at, s.ends_at, '[)')
        UNION ALL
        SELECT s.i, 'busy-time', lower(b.during), upper(b.during)
        FROM unnest(@PractitionerIds, @Starts, @Ends) WITH ORDINALITY AS s(practitioner_id, starts_at, ends_at, i)
        JOIN busy_times b ON b.practitioner_id = s.practitioner_id AND b.during && tstzrange(s.starts_at, s.ends_at, '[)')
        ORDER BY 1, 3
        """;

    private sealed class Row
    {
        public long I { get; init; }
        public string Kind { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
    }

    public static string What(string kind) => kind switch
    {
        "slot" => "a published slot",
        "shift" => "an MMG shift",
        "teleconsultation" => "a teleconsultation",
        "busy-time" => "a busy time of the practitioner's own calendar",
        _ => $"another commitment ({kind})",
    };

    /// <summary>field (slots[i], or start for a single slot) → why it was refused.</summary>
    public static async Task<Dictionary<string, string[]>> ExplainAsync(NpgsqlDataSource db, IReadOnlyList<SlotDto> slots, bool isBatch, CancellationToken ct)
    {
        var why = new Dictionary<int, List<string>>();
        void Add(int i, string message)
        {
            if (!why.TryGetValue(i, out var list)) why[i] = list = [];
            list.Add(message);
        }

        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(Sql, new
        {
            PractitionerIds = slots.Select(s => s.PractitionerId).ToArray(),
            Starts = slots.Select(s => s.Start).ToArray(),
            Ends = slots.Select(s => s.End).ToArray(),
        }, cancellationToken: ct));
        foreach (var r in rows)
            Add((int)r.I - 1, $"It overlaps {What(r.Kind)} ({Paris.Format(r.StartsAt)} to {Paris.Format(r.EndsAt)}).");

        for (var j = 0; j < slots.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var (a, b) = (slots[i], slots[j]);
                if (a.PractitionerId == b.PractitionerId && a.Start < b.End && b.Start < a.End)
                    Add(j, $"It overlaps slots[{i}] of this batch.");
            }
        }
        return why.ToDictionary(kv => isBatch ? $"slots[{kv.Key}]" : "start", kv => kv.Value.ToArray());
    }
}
