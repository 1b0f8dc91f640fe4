using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The practitioner asked declines: the request ends, the shift stays with its assignee.
/// Side effects: audit shift.swap-decline, notification planning of the shift (the pending notice is
/// cancelled); swap_requests row declined; triggers: none.
/// </summary>
public static class DeclineSwap
{
    public sealed record Command(Caller Caller, Guid SwapRequestId) : IRequest<Result<SwapRequestDto>>, IAudited<SwapRequestDto>, IPlansNotifications<SwapRequestDto>
    {
        public AuditAs Audited => new("shift.swap-decline", "swap-request");
        public string? AuditedObject(SwapRequestDto? done) => SwapRequestId.ToString();
        public Guid NotificationSubject(SwapRequestDto done) => done.ShiftId;
    }

    private const string Decline = """
        UPDATE swap_requests SET status = 'declined', decided_at = @Now
        WHERE id = @Id AND status = 'pending'
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<SwapRequestDto>>
    {
        public async ValueTask<Result<SwapRequestDto>> Handle(Command command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var request = await SwapRequestRow.LoadAsync(c, command.SwapRequestId, ct);
            if (request is null) return Error.NotFound($"Swap request {command.SwapRequestId}");
            if (!command.Caller.Owns(request.ToPractitionerId)) return Error.Forbidden("Only the practitioner asked may decline the swap.");
            if (request.Status is not ("pending" or "declined")) return Error.Conflict($"The swap request is already {request.Status}.");

            await c.ExecuteAsync(new CommandDefinition(Decline, new { request.Id, Now = clock.GetUtcNow() }, cancellationToken: ct));
            var current = (await SwapRequestRow.LoadAsync(c, request.Id, ct))!;
            if (current.Status != "declined") return Error.Conflict($"The swap request is already {current.Status}.");
            var shift = (await ShiftRow.LoadAsync(c, request.ShiftId, ct))!;
            return current.ToDto(shift);
        }
    }
}
