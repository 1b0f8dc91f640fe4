using System.Net.Http.Json;
using Cpts.Agenda.Api.Features.Availability;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>The operations the scenarios time: over HTTP against the service, or straight to PostgreSQL.</summary>
public static class Operations
{
    public static Func<int, CancellationToken, Task<Outcome>> HttpGet(HttpClient http, Func<string> url) => async (_, ct) =>
    {
        using var response = await http.GetAsync(url(), HttpCompletionOption.ResponseContentRead, ct);
        return LoadRunner.Classify((int)response.StatusCode);
    };

    public static Func<int, CancellationToken, Task<Outcome>> SqlSearch(NpgsqlDataSource db, SearchWorkload workload, RowCounter rows) => async (_, ct) =>
    {
        var criteria = SearchWorkload.Criteria(workload.Next());
        await using var c = await db.OpenConnectionAsync(ct);
        var found = (await c.QueryAsync<SearchRow>(new CommandDefinition(SearchAvailability.SqlFor(criteria), SearchAvailability.Parameters(criteria), cancellationToken: ct))).AsList();
        rows.Add(found.Count);
        return Outcome.Ok;
    };

    public static object BookingBody(Guid slotId, int n) => new
    {
        slotId,
        patient = new { firstName = "Patient", lastName = $"Bench{n}", birthDate = "1970-05-12", phone = "03 84 00 00 00", hasRegularDoctor = n % 3 != 0 },
        reason = "Fièvre depuis deux jours",
    };

    /// <summary>POST /api/bookings on the next slot of a list; each request carries its own Idempotency-Key, as a regulator's client does.</summary>
    public static Func<int, CancellationToken, Task<Outcome>> HttpBookNext(HttpClient http, IReadOnlyList<Guid> slots, Counter next) => async (_, ct) =>
    {
        var i = next.Next();
        if (i >= slots.Count) return Outcome.Exhausted;
        return await HttpBookAsync(http, slots[i], i, ct);
    };

    public static Func<int, CancellationToken, Task<Outcome>> HttpBookRandom(HttpClient http, IReadOnlyList<Guid> slots, int seed)
    {
        var rng = new Random(seed);
        var n = 0;
        return async (_, ct) =>
        {
            int i;
            lock (rng) i = rng.Next(slots.Count);
            return await HttpBookAsync(http, slots[i], Interlocked.Increment(ref n), ct);
        };
    }

    private static async Task<Outcome> HttpBookAsync(HttpClient http, Guid slotId, int n, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(BookingBody(slotId, n)) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return LoadRunner.Classify((int)response.StatusCode);
    }

    // The booking transaction's two writes, as BookSlot runs them.
    private const string TakeSlot = """
        UPDATE slots SET status = 'booked', version = version + 1, updated_at = @Now
        WHERE id = @SlotId AND status = 'free'
        RETURNING practitioner_id, starts_at, ends_at
        """;

    private const string InsertBooking = """
        INSERT INTO bookings (id, slot_id, practitioner_id, starts_at, ends_at, channel, status,
            patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_has_regular_doctor,
            reason, booked_by, booked_by_role, created_at)
        VALUES (@Id, @SlotId, @PractitionerId, @StartsAt, @EndsAt, 'sas', 'active',
            'Patient', @LastName, DATE '1970-05-12', '03 84 00 00 00', true, 'Fièvre depuis deux jours', 'bench-regulator', 'regulator', @Now)
        """;

    /// <summary>The floor: UPDATE slots … + INSERT bookings in one transaction, straight through Npgsql.</summary>
    public static Func<int, CancellationToken, Task<Outcome>> SqlBookNext(NpgsqlDataSource db, IReadOnlyList<Guid> slots, Counter next) => async (_, ct) =>
    {
        var i = next.Next();
        if (i >= slots.Count) return Outcome.Exhausted;
        var now = DateTimeOffset.UtcNow;
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var slot = await c.QuerySingleOrDefaultAsync<(Guid PractitionerId, DateTime StartsAt, DateTime EndsAt)?>(
            new CommandDefinition(TakeSlot, new { SlotId = slots[i], Now = now }, tx, cancellationToken: ct));
        if (slot is not { } s)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Conflict;
        }
        await c.ExecuteAsync(new CommandDefinition(InsertBooking, new
        {
            Id = Guid.CreateVersion7(), SlotId = slots[i], s.PractitionerId,
            StartsAt = DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc), EndsAt = DateTime.SpecifyKind(s.EndsAt, DateTimeKind.Utc),
            LastName = $"Bench{i}", Now = now,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    };

    /// <summary>Free SAS slots that start at least an hour from now, in random order.</summary>
    public static async Task<List<Guid>> FreeSasSlotsAsync(NpgsqlDataSource db, int count)
    {
        await using var c = await db.OpenConnectionAsync();
        return (await c.QueryAsync<Guid>("""
            SELECT id FROM slots
            WHERE status = 'free' AND visibility = 'sas' AND starts_at > now() + interval '1 hour'
            ORDER BY random() LIMIT @Count
            """, new { Count = count })).AsList();
    }
}
