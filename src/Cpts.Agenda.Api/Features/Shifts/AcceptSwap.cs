using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The practitioner asked accepts: in one transaction the shift moves to them (only if it is still
/// as it was when asked: same version, same assignee) and the request is accepted. The trigger moves
/// the commitment, so an overlap with the new assignee's slot or shift fails the whole move (409).
/// Side effects: audit shift.swap-accept, notification planning of the shift; triggers:
/// shifts_remember_release, shifts_refuse_busy_time, shifts_hold_commitment (moves the commitment),
/// commitments_refuse_inactive.
/// </summary>
public static class AcceptSwap
{
    public sealed record Command(Caller Caller, Guid SwapRequestId) : IRequest<Result<SwapRequestDto>>, IAudited<SwapRequestDto>, IPlansNotifications<SwapRequestDto>
    {
        public AuditAs Audited => new("shift.swap-accept", "swap-request");
        public string? AuditedObject(SwapRequestDto? done) => SwapRequestId.ToString();
        public Guid NotificationSubject(SwapRequestDto done) => done.ShiftId;
    }

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Move = $"""
        UPDATE shifts SET assignee_id = @To, version = version + 1, updated_at = @Now
        WHERE id = @ShiftId AND version = @Version AND assignee_id = @From
        RETURNING {ShiftRow.Columns}
        """;

    private const string Decide = "UPDATE swap_requests SET status = @Status, decided_at = @Now WHERE id = @Id";

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<SwapRequestDto>>
    {
        public async ValueTask<Result<SwapRequestDto>> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            var request = await SwapRequestRow.LoadAsync(c, command.SwapRequestId, ct, tx, forUpdate: true);
            if (request is null) return Error.NotFound($"Swap request {command.SwapRequestId}");
            if (!command.Caller.Owns(request.ToPractitionerId)) return Error.Forbidden("Only the practitioner asked may accept the swap.");
            var shift = (await ShiftRow.LoadAsync(c, request.ShiftId, ct, tx, forUpdate: true))!;
            if (request.Status == "accepted") return request.ToDto(shift);
            if (request.Status != "pending") return Error.Conflict($"The swap request is {request.Status}.");
            if (shift.StartsAt <= now) return Error.Rule("The shift has started: it can no longer be swapped.");

            ShiftRow? moved;
            try
            {
                moved = await c.QuerySingleOrDefaultAsync<ShiftRow>(new CommandDefinition(Move, new
                {
                    request.ShiftId, To = request.ToPractitionerId, From = request.FromPractitionerId, Version = request.ShiftVersion, Now = now,
                }, tx, cancellationToken: ct));
            }
            catch (PostgresException e) when (ShiftRules.IsOverlap(e))
            {
                await tx.RollbackAsync(ct);
                return BusyTimeClash.Is(e) ? ShiftRules.BusyTime(shift) : await ShiftRules.OverlapAsync(db, request.ToPractitionerId, shift, ct);
            }
            if (moved is null)
            {
                // The shift was released, reassigned or swapped since the request: it can no longer be accepted.
                await c.ExecuteAsync(new CommandDefinition(Decide, new { request.Id, Status = "expired", Now = now }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                return Error.Conflict("The shift changed since the swap was asked (released, reassigned or swapped): the request has expired.");
            }
            await c.ExecuteAsync(new CommandDefinition(Decide, new { request.Id, Status = "accepted", Now = now }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return (await SwapRequestRow.LoadAsync(c, request.Id, ct))!.ToDto(moved);
        }
    }
}
