namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// One slot by id, for any signed-in caller. To the SAS (the regulator and the SAS platform) a CPTS-only
/// slot does not exist: 404, like in their searches.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class GetSlot
{
    public const string Columns = "id, practitioner_id, site_id, starts_at AS start, ends_at AS \"end\", mode, visibility, status";

    public sealed record Query(Caller Caller, Guid SlotId) : IRequest<Result<SlotDto>>;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string ById = $"SELECT {Columns} FROM slots WHERE id = @SlotId";

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<SlotDto>>
    {
        public async ValueTask<Result<SlotDto>> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var slot = await c.QuerySingleOrDefaultAsync<SlotDto>(new CommandDefinition(
                ById, new { query.SlotId }, cancellationToken: ct));
            return slot is null || (SlotRules.SeesSasSlotsOnly(query.Caller) && slot.Visibility != SlotRules.SasVisibility)
                ? Error.NotFound($"Slot {query.SlotId}") : slot;
        }
    }
}
