using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The assignee (before the shift starts) or the coordinator (any time) gives the shift back: it is
/// open again and the trigger frees the assignee's time.
/// Side effects: audit shift.release, notification planning of the shift; triggers: shifts_remember_release
/// (released_by), shifts_hold_commitment (deletes the commitment).
/// </summary>
public static class ReleaseShift
{
    public sealed record Command(Caller Caller, Guid ShiftId) : IRequest<Result<ShiftDto>>, IAudited<ShiftDto>, IPlansNotifications<ShiftDto>
    {
        public AuditAs Audited => new("shift.release", "shift");
        public string? AuditedObject(ShiftDto? done) => ShiftId.ToString();
        public Guid NotificationSubject(ShiftDto done) => ShiftId;
    }

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Release = $"""
        UPDATE shifts SET assignee_id = NULL, version = version + 1, updated_at = @Now
        WHERE id = @Id AND assignee_id = @AssigneeId
        RETURNING {ShiftRow.Columns}
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<ShiftDto>>
    {
        public async ValueTask<Result<ShiftDto>> Handle(Command command, CancellationToken ct)
        {
            var caller = command.Caller;
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var shift = await ShiftRow.LoadAsync(c, command.ShiftId, ct);
            if (shift is null) return Error.NotFound($"Shift {command.ShiftId}");
            var isAssignee = shift.AssigneeId is { } a && caller.Owns(a);
            if (!caller.IsCoordinator && !isAssignee) return Error.Forbidden("Only the shift's assignee or the coordinator may release it.");
            if (shift.AssigneeId is null) return shift.ToDto();
            if (!caller.IsCoordinator && shift.StartsAt <= now)
                return Error.Rule("The shift has started: only the coordinator can release it now.");

            var released = await c.QuerySingleOrDefaultAsync<ShiftRow>(new CommandDefinition(Release,
                new { Id = shift.Id, shift.AssigneeId, Now = now }, cancellationToken: ct));
            return released is null ? Error.Conflict("The shift changed meanwhile (released or swapped); read it again.") : released.ToDto();
        }
    }
}
