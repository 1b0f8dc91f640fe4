using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Shifts;

namespace Cpts.Agenda.Api.Features.Demo;

/// <summary>
/// A fictional CPTS around Vesoul (Haute-Saône): real communes and coordinates, invented people.
/// The directory is written once (fixed ids); today's and tomorrow's SNP slots are added at each
/// start where they fit, so a cluster reused on another day still has slots to search.
/// </summary>
public static class DemoData
{
    private sealed record DemoSite(Guid Id, string Name, string Kind, string Address, string PostalCode, string City, double Lat, double Lon)
    {
        public string Phone => $"03 84 00 00 {Id.ToString()[^2..]}"; // invented numbers, one per site
    }

    private sealed record DemoPractitioner(Guid Id, string Rpps, string FirstName, string LastName, string Profession, Guid? SiteId, string PostalCode, string Phone);

    private static Guid Id(int n) => Guid.Parse($"00000000-0000-4000-8000-{n:D12}");

    private static readonly DemoSite[] Sites =
    [
        new(Id(101), "Cabinet médical du Centre", "practice", "12 rue Georges Genoux", "70000", "Vesoul", 47.6236, 6.1550),
        new(Id(102), "Maison de santé de Noidans", "practice", "3 rue de la Mairie", "70000", "Noidans-lès-Vesoul", 47.6136, 6.1253),
        new(Id(103), "Cabinet de Port-sur-Saône", "practice", "8 place de l'Église", "70170", "Port-sur-Saône", 47.6881, 6.0500),
        new(Id(104), "Pôle santé de Scey-sur-Saône", "practice", "1 rue du Moulin", "70360", "Scey-sur-Saône-et-Saint-Albin", 47.6639, 5.9733),
        new(Id(105), "Maison médicale de garde de Vesoul", "mmg", "2 rue René Heymes", "70000", "Vesoul", 47.6297, 6.1466),
        new(Id(106), "Cabinet de télémédecine de Frotey", "telemedicine", "5 rue des Vergers", "70000", "Frotey-lès-Vesoul", 47.6211, 6.1870),
    ];

    private static readonly DemoPractitioner[] Practitioners =
    [
        P(1, "Claire", "Martin-Demo", Professions.Generalist, 101, "70000"),
        P(2, "Julien", "Bernard-Demo", Professions.Generalist, 101, "70000"),
        P(3, "Sophie", "Lefèvre-Demo", Professions.Generalist, 102, "70000"),
        P(4, "Antoine", "Roux-Demo", Professions.Generalist, 102, "70000"),
        P(5, "Camille", "Fournier-Demo", Professions.Generalist, 103, "70170"),
        P(6, "Hugo", "Girard-Demo", Professions.Generalist, 104, "70360"),
        P(7, "Léa", "Bonnet-Demo", Professions.Generalist, 103, "70170"),
        P(8, "Manon", "Dupuis-Demo", Professions.Nurse, 106, "70000"),
        P(9, "Thomas", "Lambert-Demo", Professions.Nurse, 102, "70000"),
        P(10, "Inès", "Fontaine-Demo", Professions.Nurse, 106, "70000"),
        P(11, "Louis", "Chevalier-Demo", Professions.Physiotherapist, 101, "70000"),
        P(12, "Emma", "Robin-Demo", "pharmacist", 103, "70170"),
    ];

    private static DemoPractitioner P(int n, string first, string last, string profession, int site, string postalCode)
    {
        var firstTen = $"1000{n:D6}";
        // A practice phone in the Haute-Saône numbering (03 84), shown to the SAS as PractitionerRole.telecom.
        return new(Id(n), firstTen + Rpps.CheckDigit(firstTen), first, last, profession, Id(site), postalCode, $"03 84 76 10 {n:D2}");
    }

    public static Guid FirstGeneralist => Practitioners[0].Id;

    private sealed record DemoMember(Guid Id, string Name, string Role, Guid? PractitionerId, string? NationalId, string? Email);

    /// <summary>The demo people of the sign-in page: the GP and the nurse by their directory entry, the others by name.</summary>
    private static readonly DemoMember[] DemoMembers =
    [
        new(Id(301), "Claire Martin-Demo", Roles.Practitioner, Id(1), null, null),
        new(Id(302), "Julien Bernard-Demo", Roles.Practitioner, Id(2), null, null),
        new(Id(303), "Manon Dupuis-Demo", Roles.Nurse, Id(8), null, null),
        new(Id(304), "Régulateur SAS", Roles.Regulator, null, "899700000001", null),
        new(Id(305), "Coordinatrice", Roles.Coordinator, null, null, "coordination@cpts-demo.invalid"),
        new(Id(306), "Secrétaire MMG", Roles.Secretary, null, null, "secretariat.mmg@cpts-demo.invalid"),
    ];

    public static int PractitionerCount => Practitioners.Length;

    public static int SiteCount => Sites.Length;

    /// <summary>What one start added: slots added and skipped, shifts created.</summary>
    public sealed record Seeded(int Slots, int SkippedSlots, int Shifts);

    /// <summary>The directory (once, fixed ids), then today's and tomorrow's slots and the MMG's shifts where they fit.</summary>
    public static async Task<Seeded> SeedAsync(NpgsqlDataSource db, ShiftTemplates templates, DateTimeOffset now)
    {
        await using var c = await db.OpenConnectionAsync();
        await using (var tx = await c.BeginTransactionAsync())
        {
            await SeedDirectoryAsync(c, tx, now);
            await tx.CommitAsync();
        }
        var today = Paris.LocalDate(now);
        var (slots, planned) = await SeedSlotsAsync(c, today, now);
        await using var shiftsTx = await c.BeginTransactionAsync();
        var shifts = await SeedShiftsAsync(c, shiftsTx, templates, today, now);
        await shiftsTx.CommitAsync();
        return new Seeded(slots, planned - slots, shifts);
    }

    private static async Task SeedDirectoryAsync(NpgsqlConnection c, NpgsqlTransaction tx, DateTimeOffset now)
    {
        await c.ExecuteAsync("""
            INSERT INTO sites (id, name, kind, address, postal_code, city, latitude, longitude, phone, created_at)
            VALUES (@Id, @Name, @Kind, @Address, @PostalCode, @City, @Lat, @Lon, @Phone, @Now)
            ON CONFLICT (id) DO UPDATE SET phone = EXCLUDED.phone WHERE sites.phone IS NULL
            """, Sites.Select(s => new { s.Id, s.Name, s.Kind, s.Address, s.PostalCode, s.City, s.Lat, s.Lon, s.Phone, Now = now }), tx);
        await c.ExecuteAsync("""
            INSERT INTO practitioners (id, rpps, first_name, last_name, profession, email, phone, accepts_new_patients, postal_code, created_at)
            VALUES (@Id, @Rpps, @FirstName, @LastName, @Profession, @Email, @Phone, @Accepts, @PostalCode, @Now) ON CONFLICT DO NOTHING
            """, Practitioners.Select(p => new
            {
                p.Id, p.Rpps, p.FirstName, p.LastName, p.Profession, p.PostalCode, p.Phone, Now = now,
                Email = $"{p.FirstName.ToLowerInvariant()}.demo@example.org", Accepts = p.Id == Id(3) || p.Id == Id(5),
            }), tx);
        // Clusters seeded before the demo practitioners had phones get them too; a phone changed since is kept.
        await c.ExecuteAsync("UPDATE practitioners SET phone = @Phone WHERE id = @Id AND phone IS NULL",
            Practitioners.Select(p => new { p.Id, p.Phone }), tx);
        // The people who sign in to the pages (one click each on /connexion in Development).
        await c.ExecuteAsync("""
            INSERT INTO members (id, display_name, role, practitioner_id, national_id, email, created_at)
            VALUES (@Id, @Name, @Role, @PractitionerId, @NationalId, @Email, @Now) ON CONFLICT DO NOTHING
            """, DemoMembers.Select(m => new { m.Id, m.Name, m.Role, m.PractitionerId, m.NationalId, m.Email, Now = now }), tx);
        const string Hours = """[{"dayOfWeek":1,"start":"08:30","end":"12:30"},{"dayOfWeek":2,"start":"13:30","end":"17:30"},{"dayOfWeek":3,"start":"08:30","end":"12:30"},{"dayOfWeek":4,"start":"13:30","end":"17:30"},{"dayOfWeek":5,"start":"08:30","end":"12:30"}]""";
        await c.ExecuteAsync("""
            INSERT INTO rooms (id, site_id, name, slot_minutes, min_patient_age, opening_hours, created_at)
            VALUES (@Id, @SiteId, @Name, 30, 6, @Hours::jsonb, @Now) ON CONFLICT (id) DO NOTHING
            """, new[] { new { Id = Id(201), SiteId = Id(106), Name = "Salle 1", Hours, Now = now }, new { Id = Id(202), SiteId = Id(106), Name = "Salle 2", Hours, Now = now } }, tx);
    }

    /// <summary>
    /// Each GP keeps two or three same-day slots, today and tomorrow, at Paris local times. A slot is added
    /// only where its GP has no slot at all (free, booked or withdrawn: a withdrawal stays withdrawn), no
    /// commitment and no busy time; one statement, so the count is what was really added.
    /// </summary>
    private static async Task<(int Added, int Planned)> SeedSlotsAsync(NpgsqlConnection c, DateOnly today, DateTimeOffset now)
    {
        var planned = new List<(Guid Gp, Guid Site, DateTimeOffset Start, string Mode, string Visibility)>();
        foreach (var (gp, index) in Practitioners.Where(p => p.Profession == Professions.Generalist).Select((p, i) => (p, i)))
        {
            foreach (var day in new[] { today, today.AddDays(1) })
            {
                foreach (var hour in new[] { 9 + index % 3, 14 + index % 2, 18 })
                {
                    var start = Paris.ToInstant(day, new TimeOnly(hour, index % 2 * 30));
                    if (start <= now) continue;
                    planned.Add((gp.Id, gp.SiteId!.Value, start, hour == 18 && index % 3 == 0 ? "teleconsultation" : "in-person", index % 4 == 3 ? "cpts" : "sas"));
                }
            }
        }
        var added = await c.ExecuteAsync("""
            INSERT INTO slots (id, practitioner_id, profession, site_id, starts_at, ends_at, mode, visibility, status, created_at, updated_at)
            SELECT gen_random_uuid(), p.gp, 'generalist', CASE WHEN p.mode = 'teleconsultation' THEN NULL ELSE p.site END,
                   p.starts_at, p.starts_at + interval '20 minutes', p.mode, p.visibility, 'free', @Now, @Now
            FROM unnest(@Gps, @SiteIds, @Starts, @Modes, @Visibilities) AS p(gp, site, starts_at, mode, visibility)
            WHERE NOT EXISTS (SELECT 1 FROM slots s WHERE s.practitioner_id = p.gp AND s.starts_at < p.starts_at + interval '20 minutes' AND s.ends_at > p.starts_at)
              AND NOT EXISTS (SELECT 1 FROM commitments m WHERE m.holder_id = p.gp AND m.during && tstzrange(p.starts_at, p.starts_at + interval '20 minutes', '[)'))
              AND NOT EXISTS (SELECT 1 FROM busy_times b WHERE b.practitioner_id = p.gp AND b.during && tstzrange(p.starts_at, p.starts_at + interval '20 minutes', '[)'))
            ON CONFLICT DO NOTHING
            """, new
        {
            Now = now,
            Gps = planned.Select(p => p.Gp).ToArray(), SiteIds = planned.Select(p => p.Site).ToArray(), Starts = planned.Select(p => p.Start.ToUniversalTime()).ToArray(),
            Modes = planned.Select(p => p.Mode).ToArray(), Visibilities = planned.Select(p => p.Visibility).ToArray(),
        });
        return (added, planned.Count);
    }

    /// <summary>
    /// The MMG's GP roster for the next 14 days (the site's template). Of the shifts this start
    /// creates, weekday evenings every other day go to the demo GPs in turn; the rest stay open, so
    /// the coverage shows gaps. Shifts already there are left as they are.
    /// </summary>
    private static async Task<int> SeedShiftsAsync(NpgsqlConnection c, NpgsqlTransaction tx, ShiftTemplates templates, DateOnly today, DateTimeOffset now)
    {
        var mmg = Id(105);
        if (templates.For(mmg, Professions.Generalist) is not { } template) return 0;
        var planned = template.Expand(today, today.AddDays(13)).Where(s => s.End > now).ToList();
        var created = await c.ExecuteAsync("""
            INSERT INTO shifts (id, site_id, profession, period, template, starts_at, ends_at, created_at, updated_at)
            SELECT gen_random_uuid(), @Site, 'generalist', s.period, @Template, s.starts_at, s.ends_at, @Now, @Now
            FROM unnest(@Periods, @Starts, @Ends) AS s(period, starts_at, ends_at)
            ON CONFLICT (site_id, profession, starts_at) DO NOTHING
            """, new
        {
            Site = mmg, Template = template.Name, Now = now,
            Periods = planned.Select(s => s.Period).ToArray(), Starts = planned.Select(s => s.Start).ToArray(), Ends = planned.Select(s => s.End).ToArray(),
        }, tx);
        var gps = Practitioners.Where(p => p.Profession == Professions.Generalist).Select(p => p.Id).ToArray();
        var assigned = planned.Where(s => s.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !PublicHolidays.IsHoliday(s.Date)
                                          && s.Date.DayNumber % 2 == 0).ToList();
        // Only shifts created by this start (created_at = now), never over the GP's other commitments.
        await c.ExecuteAsync("""
            UPDATE shifts s SET assignee_id = d.gp, version = s.version + 1, updated_at = @Now
            FROM unnest(@Starts, @Gps) AS d(starts_at, gp)
            WHERE s.site_id = @Site AND s.profession = 'generalist' AND s.starts_at = d.starts_at
              AND s.assignee_id IS NULL AND s.created_at = @Now
              AND NOT EXISTS (SELECT 1 FROM commitments m WHERE m.holder_id = d.gp AND m.during && tstzrange(s.starts_at, s.ends_at, '[)'))
              AND NOT EXISTS (SELECT 1 FROM busy_times b WHERE b.practitioner_id = d.gp AND b.during && tstzrange(s.starts_at, s.ends_at, '[)'))
            """, new
        {
            Site = mmg, Now = now,
            Starts = assigned.Select(s => s.Start).ToArray(), Gps = assigned.Select((_, i) => gps[i % gps.Length]).ToArray(),
        }, tx);
        return created;
    }
}
