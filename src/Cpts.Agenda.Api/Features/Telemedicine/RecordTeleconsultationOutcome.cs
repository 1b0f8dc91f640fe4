using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// After the teleconsultation: attended or no-show, and whether a patient with a regular doctor was sent back to them.
/// Side effects: audit teleconsultation.outcome; no trigger changes anything.
/// </summary>
public static class RecordTeleconsultationOutcome
{
    public sealed record Body([property: Required] [property: ValuesFrom(typeof(Bookings.AppointmentEnd), nameof(Bookings.AppointmentEnd.Statuses))] string? Status, bool? ReorientedToRegularDoctor);

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
            if (AppointmentEnd.CheckOutcomeStatus(command.Body.Status) is { } invalid) return invalid;
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await TeleconsultationRow.LoadAsync(c, command.Id, ct);
            if (row is null) return Error.NotFound($"Teleconsultation {command.Id}");
            var caller = command.Caller;
            if (!caller.IsCoordinator && !caller.Owns(row.DoctorId) && !caller.Owns(row.NurseId))
                return Error.Forbidden("Only the doctor, the nurse or the coordinator records the outcome.");
            var reoriented = AppointmentEnd.CheckOutcome(row, command.Body.ReorientedToRegularDoctor, now, What);
            if (reoriented.Error is { } refused) return refused;

            var updated = await c.ExecuteAsync(new CommandDefinition(Record, new
            {
                command.Id, command.Body.Status, Reoriented = reoriented.Value, Now = now,
            }, cancellationToken: ct));
            if (AppointmentEnd.AfterOutcome(updated, What) is { } lost) return lost;
            return (await TeleconsultationRow.LoadAsync(c, command.Id, ct))!.ToDto();
        }
    }
}
