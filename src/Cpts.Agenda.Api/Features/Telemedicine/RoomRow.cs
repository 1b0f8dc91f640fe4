using System.Text.Json;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Rooms;
using Dapper;
using Npgsql;

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

    /// <param name="lockMode">"FOR SHARE" while booking, "FOR UPDATE" while reserving: a booking never misses a reservation being added.</param>
    public static Task<RoomRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null, string lockMode = "") =>
        c.QuerySingleOrDefaultAsync<RoomRow>(new CommandDefinition(
            $"SELECT id, site_id, slot_minutes, min_patient_age, opening_hours::text AS opening_hours FROM rooms WHERE id = @Id {lockMode}",
            new { Id = id }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<WeeklyReservation>> ReservationsAsync(NpgsqlConnection c, Guid roomId, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        (await c.QueryAsync<ReservationRow>(new CommandDefinition(
            $"SELECT {ReservationRow.Columns} FROM room_reservations WHERE room_id = @RoomId ORDER BY day_of_week, start_minute, valid_from",
            new { RoomId = roomId }, tx, cancellationToken: ct)))
        .Select(r => r.ToRule()).ToList();
}
