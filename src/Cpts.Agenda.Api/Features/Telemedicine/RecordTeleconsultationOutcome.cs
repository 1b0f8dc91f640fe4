using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>After the teleconsultation: attended or no-show, and whether a patient with a regular doctor was sent back to them.</summary>
public static class RecordTeleconsultationOutcome
{
    public sealed record Body([property: Required] [property: ValuesFrom(typeof(Bookings.RecordOutcome), nameof(Bookings.RecordOutcome.Statuses))] string? Status, bool? ReorientedToRegularDoctor);

    public sealed record Command(Caller Caller, Guid Id, Body Body) : IRequest<Result<TeleconsultationDto>>;

    private const string Record = """
        UPDATE teleconsultations SET outcome = @Status, reoriented_to_regular_doctor = @Reoriented, outcome_at = @Now
        WHERE id = @Id AND status = 'active'
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<TeleconsultationDto>>
    {
        public async ValueTask<Result<TeleconsultationDto>> Handle(Command command, CancellationToken ct)
        {
            var v = new Validation().OneOf(command.Body.Status, "status", RecordOutcome.Statuses);
            if (v.Failed) return v.ToError();
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await TeleconsultationRow.LoadAsync(c, command.Id, ct);
            if (row is null) return Error.NotFound($"Teleconsultation {command.Id}");
            var caller = command.Caller;
            if (!caller.IsCoordinator && !caller.Owns(row.DoctorId) && !caller.Owns(row.NurseId))
                return Error.Forbidden("Only the doctor, the nurse or the coordinator records the outcome.");
            if (row.Status != "active") return Error.Conflict("The teleconsultation was cancelled.");
            if (row.StartsAt > now) return Error.Rule("The teleconsultation has not started yet.");
            var reoriented = command.Body.ReorientedToRegularDoctor;
            if (reoriented == true && !row.PatientHasRegularDoctor)
                return Error.Rule("The patient has no regular doctor to be re-oriented to.");

            var updated = await c.ExecuteAsync(new CommandDefinition(Record, new
            {
                command.Id, command.Body.Status, Reoriented = reoriented ?? (row.PatientHasRegularDoctor ? false : (bool?)null), Now = now,
            }, cancellationToken: ct));
            if (updated == 0) return Error.Conflict("The teleconsultation was cancelled.");
            return (await TeleconsultationRow.LoadAsync(c, command.Id, ct))!.ToDto();
        }
    }
}
