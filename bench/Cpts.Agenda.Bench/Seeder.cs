using System.Diagnostics;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Notifications;
using Dapper;
using Cpts.Agenda.Api.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Cpts.Agenda.Bench;

/// <summary>
/// A département-sized agenda in a fresh, migrated database: practitioners with valid RPPS numbers,
/// sites over Haute-Saône, a month of SNP slots (mixed modes and visibility, a few booked or withdrawn)
/// and the bookings of the booked ones; an MMG roster and telemedicine rooms with a month of
/// teleconsultations. Rows go in through binary COPY; each table's commitments trigger is disabled
/// during its COPY and the commitments it would have written are inserted in one statement, so the
/// exclusion constraint still checks every one of them.
/// </summary>
public static partial class Seeder
{
    public static readonly (string PostalCode, string City)[] Communes =
    [
        ("70000", "Vesoul"), ("70100", "Gray"), ("70200", "Lure"), ("70300", "Luxeuil-les-Bains"), ("70400", "Héricourt"),
        ("70170", "Port-sur-Saône"), ("70800", "Saint-Loup-sur-Semouse"), ("70500", "Jussey"), ("70190", "Rioz"), ("70110", "Villersexel"),
    ];

    public const double CenterLat = 47.6, CenterLon = 6.1, Spread = 0.5;

    /// <summary>Sites of one département at full scale; beyond, the seed covers more ground, not the same ground denser.</summary>
    public const int SitesPerDepartement = 50;

    // The départements a larger seed spreads into (Haute-Saône first, then its neighbours and theirs).
    private static readonly string[] Departements = ["70", "25", "39", "90", "21", "52", "88", "68", "71", "01"];

    /// <summary>
    /// Half the side of the square the sites are spread over, in degrees: a département's (0.5) up to
    /// 50 sites, then growing with the square root of the number of sites, so that a larger seed is a
    /// region of départements with the same density of sites, as a region is (docs/PERFORMANCE.md).
    /// </summary>
    public static double SpreadFor(int sites) => Spread * Math.Sqrt(Math.Max(1.0, sites / (double)SitesPerDepartement));

    private static readonly string[] FirstNames = ["Claire", "Julien", "Sophie", "Antoine", "Camille", "Hugo", "Léa", "Manon", "Thomas", "Inès", "Louis", "Emma"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Lefèvre", "Roux", "Fournier", "Girard", "Bonnet", "Dupuis", "Lambert", "Fontaine", "Chevalier", "Robin"];

    public static async Task<SeedResult> SeedAsync(string connectionString, SeedOptions o, TextWriter log, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await Migrations.MigrateAsync(connectionString, NullLogger.Instance, ct);
        // No command timeout: on a busy machine the COPY of 600,000 rows and the commitments take minutes.
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await c.OpenAsync(ct);
        if (await ScalarAsync(c, "SELECT count(*) FROM practitioners") > 0 || await ScalarAsync(c, "SELECT count(*) FROM slots") > 0)
            throw new InvalidOperationException("The database already holds practitioners or slots: seed a fresh database (seed --recreate drops and recreates it).");

        var rng = new Random(o.RandomSeed);
        var now = DateTimeOffset.UtcNow;
        var sites = MakeSites(o, rng);
        var practitioners = MakePractitioners(o, rng, sites);
        // Shifts and teleconsultations first: the slots leave out the time they hold.
        var held = new Held();
        var shifts = PlanShifts(o, rng, sites, practitioners, held);
        var rooms = MakeRooms(o, sites);
        var teleconsultations = PlanTeleconsultations(o, rng, rooms, practitioners, held);

        await using var tx = await c.BeginTransactionAsync(ct);
        await CopySitesAsync(c, sites, now, ct);
        await CopyPractitionersAsync(c, practitioners, now, ct);
        await CopyRoomsAsync(c, rooms, now, ct);
        await InsertMembersAsync(c, now, ct);
        log.WriteLine($"seed: {practitioners.Count:N0} practitioners, {sites.Count} sites ({clock.Elapsed.TotalSeconds:0.0} s)");

        await ExecAsync(c, "ALTER TABLE slots DISABLE TRIGGER slots_hold_commitment", ct);
        var (booked, leftOut) = await CopySlotsAsync(c, o, rng, practitioners, held, now, ct);
        await ExecAsync(c, "ALTER TABLE slots ENABLE TRIGGER slots_hold_commitment", ct);
        log.WriteLine($"seed: slots copied ({clock.Elapsed.TotalSeconds:0.0} s)");

        // Exactly the rows the trigger writes for a slot that is not withdrawn; the exclusion constraint checks each.
        await ExecAsync(c, """
            INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
            SELECT practitioner_id, 'practitioner', tstzrange(starts_at, ends_at, '[)'), 'slot', id
            FROM slots WHERE status <> 'withdrawn'
            """, ct);
        log.WriteLine($"seed: commitments written ({clock.Elapsed.TotalSeconds:0.0} s)");
        await CopyBookingsAsync(c, booked, now, ct);

        // The roster and the teleconsultations: the same pattern, each table's commitments trigger off during its COPY.
        var rosterStarted = clock.Elapsed;
        await ExecAsync(c, "ALTER TABLE shifts DISABLE TRIGGER shifts_hold_commitment", ct);
        await CopyShiftsAsync(c, shifts, now, ct);
        await ExecAsync(c, ShiftCommitments, ct);
        await ExecAsync(c, "ALTER TABLE shifts ENABLE TRIGGER shifts_hold_commitment", ct);
        log.WriteLine($"seed: {shifts.Count:N0} MMG shifts ({shifts.Count(s => s.AssigneeId is not null):N0} assigned) with their commitments ({clock.Elapsed.TotalSeconds:0.0} s)");
        await ExecAsync(c, "ALTER TABLE teleconsultations DISABLE TRIGGER teleconsultations_hold_commitments", ct);
        await CopyTeleconsultationsAsync(c, teleconsultations, now, ct);
        await ExecAsync(c, TeleconsultationCommitments, ct);
        await ExecAsync(c, "ALTER TABLE teleconsultations ENABLE TRIGGER teleconsultations_hold_commitments", ct);
        var rosterElapsed = clock.Elapsed - rosterStarted;
        log.WriteLine($"seed: {rooms.Count} telemedicine rooms, {teleconsultations.Count:N0} teleconsultations ({teleconsultations.Count(t => t.Room is null):N0} at home) with their commitments ({clock.Elapsed.TotalSeconds:0.0} s)");

        // An ordinary day rather than a first start: the notifications the agenda calls for are planned (the
        // service's own planner SQL, default settings) and those already due were sent. Otherwise the service
        // would spend the whole bench sending ~30,000 booking notices for the seeded bookings at once.
        var planArgs = new DynamicParameters(NotificationPlans.Parameters(now, new NotificationOptions()));
        foreach (var plan in NotificationPlans.All)
            await c.ExecuteAsync(new CommandDefinition(PlanNotifications.InsertSql(plan), planArgs, tx, commandTimeout: 0, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE notifications SET status = 'sent', sent_at = @now, channel = 'outbox', attempts = 1
            WHERE status = 'queued' AND not_before <= @now
            """, new { now }, tx, commandTimeout: 0, cancellationToken: ct));
        log.WriteLine($"seed: notifications planned, those due marked sent ({clock.Elapsed.TotalSeconds:0.0} s)");
        await tx.CommitAsync(ct);
        // VACUUM sets the visibility map (index-only scans), ANALYZE gives the planner the new statistics.
        await ExecAsync(c, "VACUUM (ANALYZE) sites, practitioners, members, rooms, slots, commitments, bookings, shifts, teleconsultations, notifications", ct);
        clock.Stop();

        return new SeedResult(
            (int)await ScalarAsync(c, "SELECT count(*) FROM practitioners"),
            (int)await ScalarAsync(c, "SELECT count(*) FROM sites"),
            await ScalarAsync(c, "SELECT count(*) FROM slots"),
            await ScalarAsync(c, "SELECT count(*) FROM slots WHERE status = 'free'"),
            await ScalarAsync(c, "SELECT count(*) FROM commitments"),
            await ScalarAsync(c, "SELECT count(*) FROM bookings"),
            clock.Elapsed)
        {
            Members = await ScalarAsync(c, "SELECT count(*) FROM members"),
            SlotsLeftOut = leftOut,
            Shifts = await ScalarAsync(c, "SELECT count(*) FROM shifts"),
            AssignedShifts = await ScalarAsync(c, "SELECT count(*) FROM shifts WHERE assignee_id IS NOT NULL"),
            Rooms = await ScalarAsync(c, "SELECT count(*) FROM rooms"),
            Teleconsultations = await ScalarAsync(c, "SELECT count(*) FROM teleconsultations"),
            HomeTeleconsultations = await ScalarAsync(c, "SELECT count(*) FROM teleconsultations WHERE room_id IS NULL"),
            CancelledTeleconsultations = await ScalarAsync(c, "SELECT count(*) FROM teleconsultations WHERE status = 'cancelled'"),
            RosterAndTelemedicineElapsed = rosterElapsed,
        };
    }

    /// <summary>Drops and recreates the database named in the connection string (through the maintenance database).</summary>
    public static async Task RecreateDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var name = csb.Database ?? throw new InvalidOperationException("The connection string names no database.");
        csb.Database = "postgres";
        await using var c = new NpgsqlConnection(csb.ConnectionString);
        await c.OpenAsync(ct);
        await ExecAsync(c, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
        await ExecAsync(c, $"CREATE DATABASE \"{name}\"", ct);
        NpgsqlConnection.ClearAllPools();
    }

    public static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken ct = default)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var name = csb.Database ?? throw new InvalidOperationException("The connection string names no database.");
        csb.Database = "postgres";
        await using var c = new NpgsqlConnection(csb.ConnectionString);
        await c.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", c);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync(ct) is null) await ExecAsync(c, $"CREATE DATABASE \"{name}\"", ct);
    }

    public sealed record Site(Guid Id, string Name, string Kind, string PostalCode, string City, double Lat, double Lon);

    /// <param name="FirstSlot">Paris local start of the practitioner's daily block of SNP slots.</param>
    public sealed record Practitioner(Guid Id, string Rpps, string FirstName, string LastName, string Profession, Site Site, string PostalCode, TimeOnly FirstSlot);

    private sealed record BookedSlot(Guid SlotId, Guid PractitionerId, DateTimeOffset Start, DateTimeOffset End);

    private static List<Site> MakeSites(SeedOptions o, Random rng)
    {
        var sites = new List<Site>(o.Sites);
        var spread = SpreadFor(o.Sites);
        for (var i = 0; i < o.Sites; i++)
        {
            var (postalCode, city) = Communes[i % Communes.Length];
            // Each further département's sites take its own postal codes: a postal code covers as many sites at any size.
            var departement = i / SitesPerDepartement % Departements.Length;
            if (departement > 0) (postalCode, city) = (Departements[departement] + postalCode[2..], $"{city} ({Departements[departement]})");
            // Two of each in 50 sites, and one of each from 3 sites up (the smoke test's scale).
            var kind = i % 25 == 1 ? "mmg" : i % 25 == 2 ? "telemedicine" : "practice";
            sites.Add(new Site(Guid.CreateVersion7(), $"Cabinet bench {i + 1} de {city}", kind, postalCode, city,
                CenterLat + (rng.NextDouble() * 2 - 1) * spread, CenterLon + (rng.NextDouble() * 2 - 1) * spread));
        }
        return sites;
    }

    private static List<Practitioner> MakePractitioners(SeedOptions o, Random rng, List<Site> sites)
    {
        var list = new List<Practitioner>(o.Practitioners);
        for (var i = 0; i < o.Practitioners; i++)
        {
            // Mostly generalists, some nurses and physiotherapists.
            var roll = rng.Next(100);
            var profession = roll < 80 ? Professions.Generalist : roll < 92 ? Professions.Nurse : Professions.Physiotherapist;
            var firstTen = "9" + i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var site = sites[rng.Next(sites.Count)];
            // Each practitioner keeps one block a day, starting between 08:00 and 16:00 (Paris), on a 20-minute grid.
            var firstSlot = new TimeOnly(8, 0).AddMinutes(20 * rng.Next(0, 25));
            list.Add(new Practitioner(Guid.CreateVersion7(), firstTen + Rpps.CheckDigit(firstTen),
                FirstNames[rng.Next(FirstNames.Length)], $"{LastNames[rng.Next(LastNames.Length)]}-Bench{i}", profession, site, site.PostalCode, firstSlot));
        }
        return list;
    }

    private static async Task CopySitesAsync(NpgsqlConnection c, List<Site> sites, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await c.BeginBinaryImportAsync(
            "COPY sites (id, name, kind, address, postal_code, city, latitude, longitude, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var s in sites)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Kind, NpgsqlDbType.Text, ct);
            await w.WriteAsync("1 place de la Mairie", NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.PostalCode, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.City, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Lat, NpgsqlDbType.Double, ct);
            await w.WriteAsync(s.Lon, NpgsqlDbType.Double, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    /// <summary>The regulator member the bench signs in as to the pages (one click on /connexion in Development).</summary>
    public static readonly Guid RegulatorMemberId = Guid.Parse("00000000-0000-4000-8000-00000000b001");

    /// <summary>
    /// Who signs in to the pages: every practitioner is a member with the role of their profession (nurses
    /// "nurse", the others "practitioner"), found by their practitioner row as Pro Santé Connect finds them by
    /// RPPS; and one SAS regulator. The pages' sign-in reads the role from this table only.
    /// </summary>
    private static async Task InsertMembersAsync(NpgsqlConnection c, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO members (id, display_name, role, practitioner_id, created_at)
            SELECT gen_random_uuid(), first_name || ' ' || last_name, CASE WHEN profession = 'nurse' THEN 'nurse' ELSE 'practitioner' END, id, @Now
            FROM practitioners;
            INSERT INTO members (id, display_name, role, created_at) VALUES (@Regulator, 'Régulateur Bench', 'regulator', @Now);
            """, new { Now = now, Regulator = RegulatorMemberId }, cancellationToken: ct));

    private static async Task CopyPractitionersAsync(NpgsqlConnection c, List<Practitioner> practitioners, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await c.BeginBinaryImportAsync(
            "COPY practitioners (id, rpps, first_name, last_name, profession, email, accepts_new_patients, postal_code, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in practitioners)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(p.Rpps, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.FirstName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.LastName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Profession, NpgsqlDbType.Text, ct);
            await w.WriteAsync($"{p.Rpps}@bench.example.org", NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Rpps[^1] < '3', NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(p.PostalCode, NpgsqlDbType.Text, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task<(List<BookedSlot> Booked, long LeftOut)> CopySlotsAsync(NpgsqlConnection c, SeedOptions o, Random rng,
        List<Practitioner> practitioners, Held held, DateTimeOffset now, CancellationToken ct)
    {
        var booked = new List<BookedSlot>();
        var leftOut = 0L;
        await using var w = await c.BeginBinaryImportAsync(
            "COPY slots (id, practitioner_id, profession, site_id, starts_at, ends_at, mode, visibility, status, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in practitioners)
        {
            for (var d = 0; d < o.Days; d++)
            {
                var day = o.FirstDay.AddDays(d);
                var start = Paris.ToInstant(day, p.FirstSlot).ToUniversalTime();
                for (var k = 0; k < o.SlotsPerDay; k++)
                {
                    var s = start + k * SeedOptions.SlotLength;
                    var e = s + SeedOptions.SlotLength;
                    if (!held.IsFree(p.Id, s, e))
                    {
                        leftOut++;
                        continue;
                    }
                    var modeRoll = rng.Next(100);
                    var mode = modeRoll < 75 ? "in-person" : modeRoll < 90 ? "teleconsultation" : "home-visit";
                    Guid? site = mode == "teleconsultation" && rng.Next(2) == 0 ? null : p.Site.Id;
                    var visibility = rng.Next(100) < 60 ? "sas" : "cpts";
                    var statusRoll = rng.Next(100);
                    var status = statusRoll < 5 ? "booked" : statusRoll < 7 ? "withdrawn" : "free";
                    var id = Guid.CreateVersion7();
                    if (status == "booked") booked.Add(new BookedSlot(id, p.Id, s, e));

                    await w.StartRowAsync(ct);
                    await w.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(p.Profession, NpgsqlDbType.Text, ct);
                    if (site is { } siteId) await w.WriteAsync(siteId, NpgsqlDbType.Uuid, ct);
                    else await w.WriteNullAsync(ct);
                    await w.WriteAsync(s, NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync(e, NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync(mode, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(visibility, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(status, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(status == "free" ? 1 : 2, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }
        }
        await w.CompleteAsync(ct);
        return (booked, leftOut);
    }

    private static async Task CopyBookingsAsync(NpgsqlConnection c, List<BookedSlot> booked, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await c.BeginBinaryImportAsync("""
            COPY bookings (id, slot_id, practitioner_id, starts_at, ends_at, channel, status, patient_first_name, patient_last_name,
                patient_birth_date, patient_has_regular_doctor, booked_by, booked_by_role, created_at) FROM STDIN (FORMAT BINARY)
            """, ct);
        var i = 0;
        foreach (var b in booked)
        {
            i++;
            await w.StartRowAsync(ct);
            await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(b.SlotId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(b.PractitionerId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(b.Start, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(b.End, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync("sas", NpgsqlDbType.Text, ct);
            await w.WriteAsync("active", NpgsqlDbType.Text, ct);
            await w.WriteAsync("Patient", NpgsqlDbType.Text, ct);
            await w.WriteAsync($"Bench{i}", NpgsqlDbType.Text, ct);
            await w.WriteAsync(new DateOnly(1960, 1, 1).AddDays(i % 20000), NpgsqlDbType.Date, ct);
            await w.WriteAsync(i % 3 != 0, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync("bench-regulator", NpgsqlDbType.Text, ct);
            await w.WriteAsync(Roles.Regulator, NpgsqlDbType.Text, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    internal static async Task ExecAsync(NpgsqlConnection c, string sql, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<long> ScalarAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
