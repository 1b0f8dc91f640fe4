using System.Data;

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

    private const string ById = """
        SELECT id, shift_id, from_practitioner_id, to_practitioner_id, shift_version, status, created_at, decided_at
        FROM swap_requests WHERE id = @Id
        """;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string ByIdForUpdate = $"{ById} FOR UPDATE";

    public static async Task<SwapRequestRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, IDbTransaction? tx = null, bool forUpdate = false) =>
        await c.QuerySingleOrDefaultAsync<SwapRequestRow>(new CommandDefinition(
            forUpdate ? ByIdForUpdate : ById, new { Id = id }, tx, cancellationToken: ct));
}
