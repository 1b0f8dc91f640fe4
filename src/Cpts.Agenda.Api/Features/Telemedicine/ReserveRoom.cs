using System.Text.Json.Serialization;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The coordinator reserves a weekly block of a room for a partner institution (e.g. an institution
/// for disabled people, every Tuesday 14:00-16:00); ListReservations lists a room's blocks.
/// Only teleconsultations that name that holder, or the coordinator's, may use those times.
/// Teleconsultations already booked in the block are kept.
/// Side effects: audit room.reserve, one room_reservations row; triggers: none
/// (room_reservations_no_overlap, an exclusion constraint, refuses a block over another one).
/// </summary>
public static class ReserveRoom
{
    public sealed record Body(
        [property: JsonConverter(typeof(IsoDayConverter))] int DayOfWeek, string? Start, string? End, string? Holder, DateOnly? From, DateOnly? To);

    public sealed record Command(Caller Caller, Guid RoomId, Body Body) : IRequest<Result<ReservationDto>>, IAudited<ReservationDto>
    {
        public AuditAs Audited => new("room.reserve", "room-reservation", StatusCodes.Status201Created);
        public string? AuditedObject(ReservationDto? done) => done?.Id.ToString() ?? RoomId.ToString();
    }

    private const string Insert = """
        INSERT INTO room_reservations (id, room_id, day_of_week, start_minute, end_minute, holder, valid_from, valid_to, created_by, created_at)
        VALUES (@Id, @RoomId, @DayOfWeek, @StartMinute, @EndMinute, @Holder, @From, @To, @CreatedBy, @Now)
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<ReservationDto>>
    {
        public async ValueTask<Result<ReservationDto>> Handle(Command command, CancellationToken ct)
        {
            var b = command.Body;
            var (start, end) = (RoomRules.Minutes(b.Start), RoomRules.Minutes(b.End));
            var v = new Validation()
                .Check(b.DayOfWeek is >= 1 and <= 7, "dayOfWeek", "dayOfWeek must be 1 (Monday) to 7 (Sunday).")
                .Check(start is not null && start < 24 * 60, "start", "start must be HH:mm.")
                .Check(end is not null, "end", "end must be HH:mm (24:00 for midnight).")
                .Check(start is null || end is null || end > start, "end", "end must be after start.")
                .Required(b.Holder, "holder", BookTeleconsultation.MaxHolderLength)
                .Check(b.From is not null, "from", "from is required (yyyy-MM-dd).")
                .Check(b.From is null || b.To is null || b.To >= b.From, "to", "to must be on or after from.");
            if (v.Failed) return v.ToError();

            var row = new ReservationRow
            {
                Id = Guid.CreateVersion7(), RoomId = command.RoomId, DayOfWeek = b.DayOfWeek, StartMinute = start!.Value, EndMinute = end!.Value,
                Holder = b.Holder!.Trim(), ValidFrom = b.From!.Value, ValidTo = b.To,
            };
            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            // Bookings read the room FOR SHARE: they wait for this reservation, then see it.
            if (await RoomRow.LoadAsync(c, command.RoomId, ct, tx, RoomRow.Lock.Update) is null) return Error.NotFound($"Room {command.RoomId}");
            await c.ExecuteAsync(new CommandDefinition(Insert, new
            {
                row.Id, row.RoomId, row.DayOfWeek, row.StartMinute, row.EndMinute, row.Holder, From = row.ValidFrom, To = row.ValidTo,
                CreatedBy = command.Caller.Subject, Now = clock.GetUtcNow(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return row.ToDto();
        }
    }
}
