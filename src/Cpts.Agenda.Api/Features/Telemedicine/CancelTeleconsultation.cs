using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.Api.Features.Notifications;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The nurse, the doctor, the booker or the coordinator cancels: the trigger frees the room, the nurse and the doctor.
/// Side effects: audit teleconsultation.cancel, notification planning of the teleconsultation; trigger
/// teleconsultations_hold_commitments deletes its commitments.
/// </summary>
public static class CancelTeleconsultation
{
    public sealed record Body(string? Reason);

    public sealed record Command(Caller Caller, Guid Id, Body? Body) : IRequest<Result<TeleconsultationDto>>, IAudited<TeleconsultationDto>, IPlansNotifications<TeleconsultationDto>
    {
        public AuditAs Audited => new("teleconsultation.cancel", "teleconsultation");
        public string? AuditedObject(TeleconsultationDto? done) => Id.ToString();
        public Guid NotificationSubject(TeleconsultationDto done) => Id;
    }

    private const string What = "The teleconsultation";

    private const string Cancel = $"UPDATE teleconsultations SET {AppointmentEnd.CancelSet} WHERE {AppointmentEnd.CancelGuard}";

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<TeleconsultationDto>>
    {
        public async ValueTask<Result<TeleconsultationDto>> Handle(Command command, CancellationToken ct)
        {
            var reason = command.Body?.Reason;
            if (AppointmentEnd.CheckReason(reason) is { } invalid) return invalid;
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await TeleconsultationRow.LoadAsync(c, command.Id, ct);
            if (row is null) return Error.NotFound($"Teleconsultation {command.Id}");
            if (!row.IsConcerned(command.Caller))
                return Error.Forbidden("Only the nurse, the doctor, the booker or the coordinator may cancel this teleconsultation.");
            if (AppointmentEnd.CheckCancel(row, What) is { } refused) return refused;

            await c.ExecuteAsync(new CommandDefinition(Cancel, new { command.Id, Now = clock.GetUtcNow(), Reason = reason }, cancellationToken: ct));
            var after = (await TeleconsultationRow.LoadAsync(c, command.Id, ct))!;
            return AppointmentEnd.AfterCancel(after, What) is { } lost ? lost : after.ToDto();
        }
    }
}
