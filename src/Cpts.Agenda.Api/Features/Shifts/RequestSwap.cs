using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The assignee of a shift that has not started asks a practitioner of the same profession to take it.
/// Side effects: audit shift.swap-request, notification planning of the shift (the swap-request notice);
/// one swap_requests row; triggers: none (swap_requests_one_pending, a unique index, allows one pending
/// request per shift and practitioner asked).
/// </summary>
public static class RequestSwap
{
    public sealed record Body([property: Required] Guid? ToPractitionerId);

    public sealed record Command(Caller Caller, Guid ShiftId, Body Body) : IRequest<Result<SwapRequestDto>>, IAudited<SwapRequestDto>, IPlansNotifications<SwapRequestDto>
    {
        public AuditAs Audited => new("shift.swap-request", "swap-request", StatusCodes.Status201Created);
        public string? AuditedObject(SwapRequestDto? done) => ShiftId.ToString();
        public Guid NotificationSubject(SwapRequestDto done) => ShiftId;
    }

    private const string Insert = """
        INSERT INTO swap_requests (id, shift_id, from_practitioner_id, to_practitioner_id, shift_version, status, created_at)
        VALUES (@Id, @ShiftId, @From, @To, @Version, 'pending', @Now)
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<SwapRequestDto>>
    {
        public async ValueTask<Result<SwapRequestDto>> Handle(Command command, CancellationToken ct)
        {
            var (caller, b) = (command.Caller, command.Body);
            if (b.ToPractitionerId is not { } to) return Error.Invalid("toPractitionerId", "toPractitionerId is required.");
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var shift = await ShiftRow.LoadAsync(c, command.ShiftId, ct);
            if (shift is null) return Error.NotFound($"Shift {command.ShiftId}");
            if (shift.AssigneeId is not { } from || !caller.Owns(from)) return Error.Forbidden("Only the shift's assignee may ask for a swap.");
            if (to == from) return Error.Invalid("toPractitionerId", "toPractitionerId must be another practitioner.");
            var profession = await ShiftRules.ProfessionOf(c, to, ct);
            if (profession is null) return Error.NotFound($"Practitioner {to}");
            if (ShiftRules.ProfessionMismatch(shift, profession) is { } mismatch) return mismatch;
            if (shift.StartsAt <= now) return Error.Rule("The shift has started: it can no longer be swapped.");

            var request = new SwapRequestRow
            {
                Id = Guid.CreateVersion7(), ShiftId = shift.Id, FromPractitionerId = from, ToPractitionerId = to,
                ShiftVersion = shift.Version, Status = "pending", CreatedAt = now,
            };
            await c.ExecuteAsync(new CommandDefinition(Insert, new
            {
                request.Id, request.ShiftId, From = from, To = to, Version = shift.Version, Now = now,
            }, cancellationToken: ct));
            return request.ToDto(shift);
        }
    }
}
