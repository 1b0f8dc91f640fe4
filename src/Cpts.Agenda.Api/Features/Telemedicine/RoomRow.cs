using System.Text.Json;
using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>A room with its rules, read from the rooms table.</summary>
public sealed record RoomRow
{
    public Guid Id { get; init; }
    public Guid SiteId { get; init; }
    public int SlotMinutes { get; init; }
    public int MinPatientAge { get; init; }
    public string OpeningHours { get; init; } = "[]";

    public IReadOnlyList<OpeningInterval> Hours =>
        JsonSerializer.Deserialize<List<OpeningInterval>>(OpeningHours, JsonSerializerOptions.Web) ?? [];

    /// <summary>How the room's row is locked: shared while booking, for update while reserving, so a booking never misses a reservation being added.</summary>
    public enum Lock { None, Share, Update }

    private const string Select = "SELECT id, site_id, slot_minutes, min_patient_age, opening_hours::text AS opening_hours FROM rooms WHERE id = @Id";
    private const string SelectForShare = $"{Select} FOR SHARE";
    private const string SelectForUpdate = $"{Select} FOR UPDATE";

    // The lock picks a whole const statement: nothing but constants is ever inserted into this SQL.
    public static Task<RoomRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null, Lock mode = Lock.None) =>
        c.QuerySingleOrDefaultAsync<RoomRow>(new CommandDefinition(
            mode switch { Lock.Share => SelectForShare, Lock.Update => SelectForUpdate, _ => Select },
            new { Id = id }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<WeeklyReservation>> ReservationsAsync(NpgsqlConnection c, Guid roomId, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        (await c.QueryAsync<ReservationRow>(new CommandDefinition(ReservationRow.OfRoomSql, new { RoomId = roomId }, tx, cancellationToken: ct)))
        .Select(r => r.ToRule()).ToList();
}
