using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The coordinator ends a partner's weekly block from today (Paris): a block that already applied
/// keeps its past dates (valid_to becomes yesterday, so the indicators and feeds of past weeks stay
/// true); a block that has not begun is removed. Teleconsultations booked in it are kept. Ending a
/// block that has already ended changes nothing.
/// Side effects: audit room.reservation-end; the room_reservations row updated or deleted; triggers: none.
/// </summary>
public static class EndReservation
{
    public sealed record Command(Guid RoomId, Guid ReservationId) : IRequest<Result<bool>>, IAudited<bool>
    {
        public AuditAs Audited => new("room.reservation-end", "room-reservation", StatusCodes.Status204NoContent);
        public string? AuditedObject(bool done) => ReservationId.ToString();
    }

    private const string End = """
        UPDATE room_reservations SET valid_to = @Yesterday, ended_at = @Now
        WHERE id = @ReservationId AND room_id = @RoomId AND valid_from <= @Yesterday
          AND (valid_to IS NULL OR valid_to > @Yesterday)
        """;

    private const string Remove = """
        DELETE FROM room_reservations WHERE id = @ReservationId AND room_id = @RoomId AND valid_from > @Yesterday
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<bool>>
    {
        public async ValueTask<Result<bool>> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var args = new { command.RoomId, command.ReservationId, Yesterday = Paris.LocalDate(now).AddDays(-1), Now = now };
            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            // As when reserving: bookings read the room FOR SHARE, so none is half-way through this block's check.
            if (await RoomRow.LoadAsync(c, command.RoomId, ct, tx, RoomRow.Lock.Update) is null) return Error.NotFound($"Room {command.RoomId}");
            var exists = await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM room_reservations WHERE id = @ReservationId AND room_id = @RoomId)", args, tx, cancellationToken: ct));
            if (!exists) return Error.NotFound($"Reservation {command.ReservationId}");
            await c.ExecuteAsync(new CommandDefinition(End, args, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(Remove, args, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return true;
        }
    }
}
