using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// A practitioner of the shift's profession takes an open shift. First one wins: the UPDATE only
/// matches while the shift has no assignee, so of N parallel volunteers exactly one gets it and the
/// others get 409. The trigger writes the assignee's commitment; an overlap with their slot,
/// teleconsultation or another shift is refused by PostgreSQL (409).
/// Side effects: audit shift.volunteer, notification planning of the shift; triggers:
/// shifts_refuse_busy_time, shifts_hold_commitment, commitments_refuse_inactive.
/// </summary>
public static class VolunteerForShift
{
    public sealed record Command(Caller Caller, Guid ShiftId) : IRequest<Result<ShiftDto>>, IAudited<ShiftDto>, IPlansNotifications<ShiftDto>
    {
        public AuditAs Audited => new("shift.volunteer", "shift");
        public string? AuditedObject(ShiftDto? done) => ShiftId.ToString();
        public Guid NotificationSubject(ShiftDto done) => ShiftId;
    }

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    public const string TakeIfOpen = $"""
        UPDATE shifts SET assignee_id = @PractitionerId, version = version + 1, updated_at = @Now
        WHERE id = @Id AND assignee_id IS NULL
        RETURNING {ShiftRow.Columns}
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<ShiftDto>>
    {
        public async ValueTask<Result<ShiftDto>> Handle(Command command, CancellationToken ct)
        {
            if (command.Caller.PractitionerId is not { } me) return Error.Forbidden("Only a practitioner volunteers for a shift.");
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var shift = await ShiftRow.LoadAsync(c, command.ShiftId, ct);
            if (shift is null) return Error.NotFound($"Shift {command.ShiftId}");
            var profession = await ShiftRules.ProfessionOf(c, me, ct);
            if (profession is null) return Error.Rule("Your practitioner id is not in the directory.");
            if (ShiftRules.ProfessionMismatch(shift, profession) is { } mismatch) return mismatch;
            if (shift.AssigneeId == me) return shift.ToDto();
            if (shift.AssigneeId is not null) return Taken();
            if (shift.EndsAt <= now) return Error.Rule("The shift is over: it can no longer be taken.");

            try
            {
                var taken = await c.QuerySingleOrDefaultAsync<ShiftRow>(new CommandDefinition(TakeIfOpen,
                    new { Id = shift.Id, PractitionerId = me, Now = now }, cancellationToken: ct));
                return taken is null ? Taken() : taken.ToDto();
            }
            catch (PostgresException e) when (ShiftRules.IsOverlap(e))
            {
                return BusyTimeClash.Is(e) ? ShiftRules.BusyTime(shift) : await ShiftRules.OverlapAsync(db, me, shift, ct);
            }
        }

        private static Error Taken() => Error.Conflict("The shift is already taken by another practitioner.");
    }
}
