using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// The owner or the coordinator withdraws a free slot; a booked one stays (409).
/// Side effects: audit slot.withdraw; trigger slots_hold_commitment deletes the slot's commitments row.
/// </summary>
public static class WithdrawSlot
{
    public sealed record Command(Caller Caller, Guid SlotId) : IRequest<Result<Done>>, IAudited<Done>
    {
        public AuditAs Audited => new("slot.withdraw", "slot", StatusCodes.Status204NoContent);
        public string? AuditedObject(Done? done) => SlotId.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<Done>>
    {
        private const string Withdraw = """
            UPDATE slots SET status = 'withdrawn', version = version + 1, updated_at = @Now
            WHERE id = @SlotId AND status = 'free'
            """;

        public async ValueTask<Result<Done>> Handle(Command command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var slot = await c.QuerySingleOrDefaultAsync<(Guid PractitionerId, string Status)?>(new CommandDefinition(
                "SELECT practitioner_id, status FROM slots WHERE id = @SlotId", new { command.SlotId }, cancellationToken: ct));
            if (slot is not { } s) return Error.NotFound($"Slot {command.SlotId}");
            if (!command.Caller.IsCoordinator && !command.Caller.Owns(s.PractitionerId))
                return Error.Forbidden("Only the slot's practitioner or the coordinator may withdraw it.");
            if (s.Status == "withdrawn") return Done.Value;

            var changed = await c.ExecuteAsync(new CommandDefinition(Withdraw, new { command.SlotId, Now = clock.GetUtcNow() }, cancellationToken: ct));
            return changed == 1 ? Done.Value : Error.Conflict("The slot is booked: cancel the booking before withdrawing the slot.");
        }
    }
}
