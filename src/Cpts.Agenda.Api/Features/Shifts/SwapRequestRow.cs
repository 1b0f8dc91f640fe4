using System.Data;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Shifts;

public sealed class SwapRequestRow
{
    public Guid Id { get; init; }
    public Guid ShiftId { get; init; }
    public Guid FromPractitionerId { get; init; }
    public Guid ToPractitionerId { get; init; }
    public int ShiftVersion { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    public SwapRequestDto ToDto(ShiftRow shift) =>
        new(Id, ShiftId, FromPractitionerId, ToPractitionerId, Status, CreatedAt, DecidedAt, shift.ToDto());

    public static async Task<SwapRequestRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, IDbTransaction? tx = null, bool forUpdate = false) =>
        await c.QuerySingleOrDefaultAsync<SwapRequestRow>(new CommandDefinition($"""
            SELECT id, shift_id, from_practitioner_id, to_practitioner_id, shift_version, status, created_at, decided_at
            FROM swap_requests WHERE id = @Id{(forUpdate ? " FOR UPDATE" : "")}
            """, new { Id = id }, tx, cancellationToken: ct));
}
