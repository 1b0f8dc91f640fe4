using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The coordinator assigns an open shift to a practitioner of its profession (also after the fact,
/// to keep the roster true). A shift held by someone else must be released first (409).
/// Side effects: audit shift.assign, notification planning of the shift; triggers: shifts_refuse_busy_time,
/// shifts_hold_commitment, commitments_refuse_inactive, shifts_remember_release (when it replaces an
/// assignee).
/// </summary>
public static class AssignShift
{
    public sealed record Body([property: Required] Guid? PractitionerId);

    public sealed record Command(Guid ShiftId, Body Body) : IRequest<Result<ShiftDto>>, IAudited<ShiftDto>, IPlansNotifications<ShiftDto>
    {
        public AuditAs Audited => new("shift.assign", "shift");
        public string? AuditedObject(ShiftDto? done) => ShiftId.ToString();
        public Guid NotificationSubject(ShiftDto done) => ShiftId;
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<ShiftDto>>
    {
        public async ValueTask<Result<ShiftDto>> Handle(Command command, CancellationToken ct)
        {
            if (command.Body.PractitionerId is not { } practitionerId) return Error.Invalid("practitionerId", "practitionerId is required.");
            await using var c = await db.OpenConnectionAsync(ct);
            var shift = await ShiftRow.LoadAsync(c, command.ShiftId, ct);
            if (shift is null) return Error.NotFound($"Shift {command.ShiftId}");
            var profession = await ShiftRules.ProfessionOf(c, practitionerId, ct);
            if (profession is null) return Error.NotFound($"Practitioner {practitionerId}");
            if (ShiftRules.ProfessionMismatch(shift, profession) is { } mismatch) return mismatch;
            if (shift.AssigneeId == practitionerId) return shift.ToDto();
            if (shift.AssigneeId is not null) return Taken();

            try
            {
                var taken = await c.QuerySingleOrDefaultAsync<ShiftRow>(new CommandDefinition(VolunteerForShift.TakeIfOpen,
                    new { Id = shift.Id, PractitionerId = practitionerId, Now = clock.GetUtcNow() }, cancellationToken: ct));
                return taken is null ? Taken() : taken.ToDto();
            }
            catch (PostgresException e) when (ShiftRules.IsOverlap(e))
            {
                return BusyTimeClash.Is(e) ? ShiftRules.BusyTime(shift) : await ShiftRules.OverlapAsync(db, practitionerId, shift, ct);
            }
        }

        private static Error Taken() => Error.Conflict("The shift is already assigned to another practitioner: release it first.");
    }
}
