namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Replaces a calendar's busy times, all or nothing, inside the caller's transaction. Free slots of
/// the practitioner that a busy time now overlaps are withdrawn (version bumped, so feeds show them
/// cancelled) and a 'slot-withdrawn-busy' notice is recorded; booked slots are left alone and a
/// 'booked-slot-clashes-busy' notice is recorded once per slot. The practitioner row is locked
/// FOR NO KEY UPDATE first: a slot being published at the same time (its trigger share-locks the
/// same row) either commits before and is withdrawn here, or waits and then sees the busy times.
/// </summary>
public static class BusyTimesImporter
{
    public const string WithdrawnNotice = "slot-withdrawn-busy";
    public const string ClashNotice = "booked-slot-clashes-busy";

    private const string Replace = """
        SELECT 1 FROM practitioners WHERE id = @PractitionerId FOR NO KEY UPDATE;
        DELETE FROM busy_times WHERE calendar_id = @CalendarId;
        INSERT INTO busy_times (practitioner_id, calendar_id, during)
        SELECT @PractitionerId, @CalendarId, tstzrange(t.s, t.e, '[)') FROM unnest(@Starts, @Ends) AS t(s, e);
        """;

    // The slot s of the practitioner has not ended and overlaps a busy time of this calendar.
    private const string ClashesAhead = """
        s.practitioner_id = @PractitionerId AND s.ends_at > @Now
        AND EXISTS (SELECT 1 FROM busy_times b
                    WHERE b.practitioner_id = @PractitionerId AND b.calendar_id = @CalendarId
                      AND b.during && tstzrange(s.starts_at, s.ends_at, '[)'))
        """;

    // One notice per slot and kind: the SELECT that follows names the kind and the slots.
    private const string Notice = "INSERT INTO practitioner_notices (kind, practitioner_id, slot_id, calendar_id, created_at)";
    private const string OncePerSlot = "ON CONFLICT (kind, slot_id) WHERE slot_id IS NOT NULL DO NOTHING";

    private const string Withdraw = $"""
        WITH clashing AS (
            SELECT s.id FROM slots s WHERE s.status = 'free' AND {ClashesAhead}
        ), withdrawn AS (
            UPDATE slots SET status = 'withdrawn', version = version + 1, updated_at = @Now
            WHERE id IN (SELECT id FROM clashing) AND status = 'free'
            RETURNING id
        ), noticed AS (
            {Notice}
            SELECT @Withdrawn, @PractitionerId, id, @CalendarId, @Now FROM withdrawn
            {OncePerSlot}
        )
        SELECT id FROM withdrawn
        """;

    private const string Clashes = $"""
        WITH clashing AS (
            SELECT s.id FROM slots s WHERE s.status = 'booked' AND {ClashesAhead}
        ), noticed AS (
            {Notice}
            SELECT @Clash, @PractitionerId, id, @CalendarId, @Now FROM clashing
            {OncePerSlot}
        )
        SELECT id FROM clashing
        """;

    public static async Task<ImportSummary> ReplaceAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid calendarId, Guid practitionerId,
        IReadOnlyList<BusyInterval> intervals, DateTimeOffset now, CancellationToken ct)
    {
        var args = new
        {
            CalendarId = calendarId, PractitionerId = practitionerId, Now = now,
            Starts = intervals.Select(i => i.Start).ToArray(), Ends = intervals.Select(i => i.End).ToArray(),
            Withdrawn = WithdrawnNotice, Clash = ClashNotice,
        };
        await c.ExecuteAsync(new CommandDefinition(Replace, args, tx, cancellationToken: ct));
        var withdrawn = (await c.QueryAsync<Guid>(new CommandDefinition(Withdraw, args, tx, cancellationToken: ct))).ToList();
        var clashes = (await c.QueryAsync<Guid>(new CommandDefinition(Clashes, args, tx, cancellationToken: ct))).ToList();
        return new ImportSummary(intervals.Count, withdrawn, clashes);
    }
}
