using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// After the teleconsultation: attended or no-show, and whether a patient with a regular doctor was sent back to them.
/// Side effects: audit teleconsultation.outcome; no trigger changes anything.
/// </summary>
public static class RecordTeleconsultationOutcome
{
    public sealed record Body([property: Required] [property: ValuesFrom(typeof(AppointmentEnd), nameof(AppointmentEnd.Statuses))] string? Status, bool? ReorientedToRegularDoctor);

    public sealed record Command(Caller Caller, Guid Id, Body Body) : IRequest<Result<TeleconsultationDto>>, IAudited<TeleconsultationDto>
    {
        public AuditAs Audited => new("teleconsultation.outcome", "teleconsultation");
        public string? AuditedObject(TeleconsultationDto? done) => Id.ToString();
    }

    private const string What = "The teleconsultation";

    private const string Record = $"UPDATE teleconsultations SET {AppointmentEnd.OutcomeSet} WHERE {AppointmentEnd.OutcomeGuard}";

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<TeleconsultationDto>>
    {
        public async ValueTask<Result<TeleconsultationDto>> Handle(Command command, CancellationToken ct)
        {
            var caller = command.Caller;
            var recorded = await AppointmentEnd.RecordOutcomeAsync<TeleconsultationRow>(db, clock, caller, command.Id,
                command.Body.Status, command.Body.ReorientedToRegularDoctor, Record, What,
                row => caller.IsCoordinator || caller.Owns(row.DoctorId) || caller.Owns(row.NurseId),
                "Only the doctor, the nurse or the coordinator records the outcome.", ct);
            return recorded.Map(t => t.ToDto());
        }
    }
}
