using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>The nurse, the doctor, the booker or the coordinator cancels: the trigger frees the room, the nurse and the doctor.</summary>
public static class CancelTeleconsultation
{
    public sealed record Body(string? Reason);

    public sealed record Command(Caller Caller, Guid Id, Body? Body) : IRequest<Result<TeleconsultationDto>>;

    private const string Cancel = """
        UPDATE teleconsultations SET status = 'cancelled', cancelled_at = @Now, cancel_reason = @Reason
        WHERE id = @Id AND status = 'active' AND outcome IS NULL
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<TeleconsultationDto>>
    {
        public async ValueTask<Result<TeleconsultationDto>> Handle(Command command, CancellationToken ct)
        {
            var reason = command.Body?.Reason;
            if (reason is { Length: > 500 }) return Error.Invalid("reason", "reason must be at most 500 characters.");
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await TeleconsultationRow.LoadAsync(c, command.Id, ct);
            if (row is null) return Error.NotFound($"Teleconsultation {command.Id}");
            if (!row.IsConcerned(command.Caller))
                return Error.Forbidden("Only the nurse, the doctor, the booker or the coordinator may cancel this teleconsultation.");
            if (row.Outcome is not null) return Error.Conflict("The teleconsultation already has an outcome; it can no longer be cancelled.");

            await c.ExecuteAsync(new CommandDefinition(Cancel, new { command.Id, Now = clock.GetUtcNow(), Reason = reason }, cancellationToken: ct));
            var after = (await TeleconsultationRow.LoadAsync(c, command.Id, ct))!;
            // An outcome recorded between the read and the update: the teleconsultation stays.
            return after.Status == "cancelled" ? after.ToDto() : Error.Conflict("The teleconsultation already has an outcome; it can no longer be cancelled.");
        }
    }
}
