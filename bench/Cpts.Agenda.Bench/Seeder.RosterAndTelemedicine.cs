using System.Text.Json;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Rooms;
using Cpts.Agenda.Api.Features.Shifts;
using Cpts.Agenda.Api.Features.Telemedicine;
using Cpts.Agenda.Api.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Cpts.Agenda.Bench;

/// <summary>
/// The MMG roster and the telemedicine rooms of the seed. Both are planned before the slots: every
/// shift assignee, nurse, doctor and room gets its held time recorded in <see cref="Held"/>, candidates
/// whose daily slot block does not overlap are preferred, and the slots COPY leaves out the few slots
/// that would still overlap held time, so the exclusion constraint accepts every commitment.
/// </summary>
public static partial class Seeder
{
    public sealed record SeedRoom(Guid Id, Site Site, string Name, int SlotMinutes, IReadOnlyList<OpeningInterval> Hours);

    private sealed record SeedShift(Guid Id, Guid SiteId, string Period, DateTimeOffset Start, DateTimeOffset End, Guid? AssigneeId);

    private sealed record SeedTeleconsultation(Guid Id, SeedRoom? Room, Guid NurseId, Guid DoctorId, DateTimeOffset Start, DateTimeOffset End, bool Cancelled);

    /// <summary>Time held by practitioners and rooms in the plan (shifts, teleconsultations), [start, end).</summary>
    private sealed class Held
    {
        private readonly Dictionary<Guid, List<(DateTimeOffset Start, DateTimeOffset End)>> _byHolder = [];

        public bool IsFree(Guid holder, DateTimeOffset start, DateTimeOffset end) =>
            !_byHolder.TryGetValue(holder, out var list) || !list.Exists(h => h.Start < end && start < h.End);

        public void Hold(Guid holder, DateTimeOffset start, DateTimeOffset end)
        {
            if (!_byHolder.TryGetValue(holder, out var list)) _byHolder[holder] = list = [];
            list.Add((start, end));
        }
    }

    /// <summary>Picks candidates in turn (so the work is spread), free in the plan, preferring those whose slot block does not overlap.</summary>
    private sealed class Rota(List<Practitioner> pool, SeedOptions o)
    {
        private int _next;

        public Practitioner? Pick(Held held, DateTimeOffset start, DateTimeOffset end, Guid? not = null)
        {
            Practitioner? fallback = null;
            var fallbackAt = -1;
            for (var k = 0; k < pool.Count; k++)
            {
                var at = (_next + k) % pool.Count;
                var p = pool[at];
                if (p.Id == not || !held.IsFree(p.Id, start, end)) continue;
                if (!BlockOverlaps(p, o, start, end)) return Take(at);
                if (fallback is null) (fallback, fallbackAt) = (p, at);
            }
            return fallback is null ? null : Take(fallbackAt);

            Practitioner Take(int at)
            {
                _next = (at + 1) % pool.Count;
                return pool[at];
            }
        }
    }

    /// <summary>Whether the practitioner's SNP slot block of the Paris day(s) of [start, end) overlaps it.</summary>
    private static bool BlockOverlaps(Practitioner p, SeedOptions o, DateTimeOffset start, DateTimeOffset end)
    {
        for (var day = Paris.LocalDate(start); day <= Paris.LocalDate(end); day = day.AddDays(1))
        {
            var blockStart = Paris.ToInstant(day, p.FirstSlot);
            var blockEnd = blockStart + o.SlotsPerDay * SeedOptions.SlotLength;
            if (blockStart < end && start < blockEnd) return true;
        }
        return false;
    }

    /// <summary>
    /// The MMG roster of the seeded days from the service's default template (<see cref="ShiftOptions.DefaultTemplate"/>,
    /// expanded by <see cref="ShiftTemplate.Expand"/>: DST-safe instants, public holidays as Sundays);
    /// about <see cref="SeedOptions.AssignedShiftPercent"/> % assigned to generalists, the rest open.
    /// </summary>
    private static List<SeedShift> PlanShifts(SeedOptions o, Random rng, List<Site> sites, List<Practitioner> practitioners, Held held)
    {
        var options = new ShiftOptions();
        options.AddBuiltIns();
        var (template, problems) = ShiftTemplate.Compile(ShiftOptions.DefaultTemplate, options.Templates[ShiftOptions.DefaultTemplate]);
        if (template is null) throw new InvalidOperationException(string.Join(" ", problems));
        var planned = template.Expand(o.FirstDay, o.FirstDay.AddDays(o.Days - 1));

        var shifts = new List<SeedShift>();
        foreach (var site in sites.Where(s => s.Kind == "mmg"))
        {
            // The site's own generalists first, then the others, each group in a random order.
            var pool = practitioners.Where(p => p.Profession == Professions.Generalist)
                .Select(p => (p, Mine: p.Site.Id == site.Id ? 0 : 1, Roll: rng.Next()))
                .OrderBy(x => x.Mine).ThenBy(x => x.Roll).Select(x => x.p).ToList();
            var rota = new Rota(pool, o);
            foreach (var (s, k) in planned.Select((s, k) => (s, k)))
            {
                // Spread evenly: shift k is assigned when the running share crosses a whole shift (the first one stays open).
                var assign = (k + 1) * o.AssignedShiftPercent / 100 > k * o.AssignedShiftPercent / 100;
                Guid? assignee = null;
                if (assign && rota.Pick(held, s.Start, s.End) is { } p)
                {
                    held.Hold(p.Id, s.Start, s.End);
                    assignee = p.Id;
                }
                shifts.Add(new SeedShift(Guid.CreateVersion7(), site.Id, s.Period, s.Start.ToUniversalTime(), s.End.ToUniversalTime(), assignee));
            }
        }
        return shifts;
    }

    /// <summary>
    /// <see cref="SeedOptions.TelemedicineRooms"/> rooms spread over the telemedicine sites (each with its connected
    /// cart; opening hours on weekdays, some on Saturday morning; a 20- or 30-minute grid).
    /// </summary>
    private static List<SeedRoom> MakeRooms(SeedOptions o, List<Site> sites)
    {
        var teleSites = sites.Where(s => s.Kind == "telemedicine").ToList();
        var rooms = new List<SeedRoom>();
        if (teleSites.Count == 0) return rooms;
        for (var i = 0; i < o.TelemedicineRooms; i++)
        {
            var site = teleSites[i % teleSites.Count];
            List<OpeningInterval> hours = [];
            for (var day = 1; day <= 5; day++)
            {
                hours.Add(new OpeningInterval(day, i % 2 == 0 ? "08:30" : "09:00", "12:30"));
                hours.Add(new OpeningInterval(day, "13:30", i % 2 == 0 ? "18:00" : "17:30"));
            }
            if (i % 2 == 1) hours.Add(new OpeningInterval(6, "09:00", "12:00"));
            rooms.Add(new SeedRoom(Guid.CreateVersion7(), site, $"Cabine de téléconsultation {i + 1} (chariot connecté)", i % 2 == 0 ? 30 : 20, hours));
        }
        return rooms;
    }

    /// <summary>
    /// A month of assisted teleconsultations: in each room, on its grid inside its opening hours (the cells
    /// come from <see cref="RoomRules.FreeCells"/>), 3 to 6 a day it is open; and a few at the patient's
    /// home (no room) each weekday and Saturday. Nurse and remote doctor (a generalist) are free at that time.
    /// About 5 % are cancelled (no commitments).
    /// </summary>
    private static List<SeedTeleconsultation> PlanTeleconsultations(SeedOptions o, Random rng, List<SeedRoom> rooms,
        List<Practitioner> practitioners, Held held)
    {
        var list = new List<SeedTeleconsultation>();
        var nurses = new Rota(practitioners.Where(p => p.Profession == Professions.Nurse).OrderBy(_ => rng.Next()).ToList(), o);
        var doctors = new Rota(practitioners.Where(p => p.Profession == Professions.Generalist).OrderBy(_ => rng.Next()).ToList(), o);

        void Add(SeedRoom? room, DateTimeOffset start, DateTimeOffset end)
        {
            if (room is not null && !held.IsFree(room.Id, start, end)) return;
            if (nurses.Pick(held, start, end) is not { } nurse) return;
            if (doctors.Pick(held, start, end, not: nurse.Id) is not { } doctor) return;
            if (room is not null) held.Hold(room.Id, start, end);
            held.Hold(nurse.Id, start, end);
            held.Hold(doctor.Id, start, end);
            list.Add(new SeedTeleconsultation(Guid.CreateVersion7(), room, nurse.Id, doctor.Id, start.ToUniversalTime(), end.ToUniversalTime(), rng.Next(100) < 5));
        }

        var homeHours = Enumerable.Range(1, 6).Select(d => new OpeningInterval(d, "09:00", "17:30")).ToList();
        for (var d = 0; d < o.Days; d++)
        {
            var date = o.FirstDay.AddDays(d);
            foreach (var room in rooms)
            {
                var cells = RoomRules.FreeCells(room.Hours, room.SlotMinutes, date, [], DateTimeOffset.MinValue);
                var count = Math.Min(cells.Count, rng.Next(3, 7));
                foreach (var cell in cells.OrderBy(_ => rng.Next()).Take(count).OrderBy(c => c.Start)) Add(room, cell.Start, cell.End);
            }
            var homeCells = RoomRules.FreeCells(homeHours, 30, date, [], DateTimeOffset.MinValue);
            foreach (var cell in homeCells.OrderBy(_ => rng.Next()).Take(o.HomeTeleconsultationsPerDay).OrderBy(c => c.Start)) Add(null, cell.Start, cell.End);
        }
        return list;
    }

    private static async Task CopyRoomsAsync(NpgsqlConnection c, List<SeedRoom> rooms, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await c.BeginBinaryImportAsync(
            "COPY rooms (id, site_id, name, slot_minutes, min_patient_age, opening_hours, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rooms)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(r.Site.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.SlotMinutes, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(6, NpgsqlDbType.Integer, ct);
            // The service's own JSON shape (the one RoomRow reads back).
            await w.WriteAsync(JsonSerializer.Serialize(r.Hours, JsonSerializerOptions.Web), NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyShiftsAsync(NpgsqlConnection c, List<SeedShift> shifts, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await c.BeginBinaryImportAsync("""
            COPY shifts (id, site_id, profession, period, template, starts_at, ends_at, assignee_id, version, created_at, updated_at)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var s in shifts)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.SiteId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(Professions.Generalist, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Period, NpgsqlDbType.Text, ct);
            await w.WriteAsync(ShiftOptions.DefaultTemplate, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Start, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(s.End, NpgsqlDbType.TimestampTz, ct);
            if (s.AssigneeId is { } assignee) await w.WriteAsync(assignee, NpgsqlDbType.Uuid, ct);
            else await w.WriteNullAsync(ct);
            await w.WriteAsync(s.AssigneeId is null ? 1 : 2, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyTeleconsultationsAsync(NpgsqlConnection c, List<SeedTeleconsultation> teleconsultations, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await c.BeginBinaryImportAsync("""
            COPY teleconsultations (id, room_id, site_id, nurse_id, doctor_id, starts_at, ends_at, status, patient_first_name, patient_last_name,
                patient_birth_date, patient_has_regular_doctor, booked_by, booked_by_role, cancel_reason, created_at, cancelled_at)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        var i = 0;
        foreach (var t in teleconsultations)
        {
            i++;
            await w.StartRowAsync(ct);
            await w.WriteAsync(t.Id, NpgsqlDbType.Uuid, ct);
            if (t.Room is { } room)
            {
                await w.WriteAsync(room.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(room.Site.Id, NpgsqlDbType.Uuid, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
                await w.WriteNullAsync(ct);
            }
            await w.WriteAsync(t.NurseId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(t.DoctorId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(t.Start, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(t.End, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(t.Cancelled ? "cancelled" : "active", NpgsqlDbType.Text, ct);
            // Fictional and minimal, like the SNP bookings: no phone, no reason.
            await w.WriteAsync("Patient", NpgsqlDbType.Text, ct);
            await w.WriteAsync($"Tele{i}", NpgsqlDbType.Text, ct);
            await w.WriteAsync(new DateOnly(1940, 1, 1).AddDays(i * 37 % 25000), NpgsqlDbType.Date, ct);
            await w.WriteAsync(i % 4 != 0, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync("bench-nurse", NpgsqlDbType.Text, ct);
            await w.WriteAsync(Roles.Nurse, NpgsqlDbType.Text, ct);
            if (t.Cancelled) await w.WriteAsync("Patient indisponible", NpgsqlDbType.Text, ct);
            else await w.WriteNullAsync(ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            if (t.Cancelled) await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            else await w.WriteNullAsync(ct);
        }
        await w.CompleteAsync(ct);
    }

    /// <summary>Exactly the rows shifts_hold_commitment writes for an assigned shift.</summary>
    private const string ShiftCommitments = """
        INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
        SELECT assignee_id, 'practitioner', tstzrange(starts_at, ends_at, '[)'), 'shift', id
        FROM shifts WHERE assignee_id IS NOT NULL
        """;

    /// <summary>Exactly the rows teleconsultations_hold_commitments writes for an active one: the room (if any), the nurse, the doctor.</summary>
    private const string TeleconsultationCommitments = """
        INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
        SELECT h.holder_id, h.holder_kind, tstzrange(t.starts_at, t.ends_at, '[)'), 'teleconsultation', t.id
        FROM teleconsultations t
        CROSS JOIN LATERAL (VALUES (t.room_id, 'room', 1), (t.nurse_id, 'practitioner', 2), (t.doctor_id, 'practitioner', 3)) AS h(holder_id, holder_kind, rank)
        WHERE t.status = 'active' AND h.holder_id IS NOT NULL
        ORDER BY t.starts_at, t.id, h.rank
        """;
}
