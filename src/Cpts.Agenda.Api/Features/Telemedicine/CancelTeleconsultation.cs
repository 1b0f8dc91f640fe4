using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Notifications;

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
        public async ValueTask<Result<TeleconsultationDto>> Handle(Command command, CancellationToken ct) =>
            (await AppointmentEnd.CancelAsync<TeleconsultationRow>(db, clock, command.Caller, command.Id, command.Body?.Reason, Cancel, What,
                "Only the nurse, the doctor, the booker or the coordinator may cancel this teleconsultation.", ct)).Map(t => t.ToDto());
    }
}
