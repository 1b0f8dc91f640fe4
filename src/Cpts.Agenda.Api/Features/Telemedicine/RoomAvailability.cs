using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The free grid cells of a room on one Paris-local day, for nurses and the coordinator: its opening
/// intervals cut into slots, less what the room is committed to (teleconsultations), the partners' reserved
/// blocks (except those of the holder asked for) and the cells that already started. With doctorId and/or
/// nurseId, also less their own commitments and busy times: the cells where a booking for that room, doctor
/// and nurse would succeed (what a page proposes after a 409).
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class RoomAvailability
{
    public sealed record Query(Guid RoomId, string? Date, string? Holder, Guid? DoctorId = null, Guid? NurseId = null) : IRequest<Result<RoomAvailabilityDto>>;

    private sealed record Busy
    {
        public DateTimeOffset Start { get; init; }
        public DateTimeOffset End { get; init; }
    }

    private const string Committed = """
        SELECT lower(during) AS start, upper(during) AS "end" FROM commitments
        WHERE holder_id = ANY(@Holders) AND during && tstzrange(@DayStart, @DayEnd, '[)')
        UNION ALL
        SELECT lower(during), upper(during) FROM busy_times
        WHERE practitioner_id = ANY(@Holders) AND during && tstzrange(@DayStart, @DayEnd, '[)')
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<RoomAvailabilityDto>>
    {
        public async ValueTask<Result<RoomAvailabilityDto>> Handle(Query q, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var v = new Validation().Optional(q.Holder, "holder", BookTeleconsultation.MaxHolderLength);
            var date = q.Date is null ? Paris.LocalDate(now) : v.Date(q.Date, "date");
            if (v.Failed) return v.ToError();

            await using var c = await db.OpenConnectionAsync(ct);
            var room = await RoomRow.LoadAsync(c, q.RoomId, ct);
            if (room is null) return Error.NotFound($"Room {q.RoomId}");
            var day = date!.Value;
            var (dayStart, dayEnd) = Paris.Day(day);
            var busy = (await c.QueryAsync<Busy>(new CommandDefinition(Committed, new
                {
                    Holders = new[] { q.RoomId, q.DoctorId, q.NurseId }.OfType<Guid>().ToArray(), DayStart = dayStart, DayEnd = dayEnd,
                }, cancellationToken: ct)))
                .Select(b => new Interval(b.Start, b.End)).ToList();
            var reserved = (await RoomRow.ReservationsAsync(c, q.RoomId, ct))
                .Select(r => (Rule: r, Block: r.On(day)))
                .Where(r => r.Block is not null)
                .Select(r => new ReservedBlock(r.Block!.Start, r.Block.End, r.Rule.Holder))
                .OrderBy(r => r.Start)
                .ToList();
            busy.AddRange(reserved.Where(r => !RoomRules.SameHolder(r.Holder, q.Holder)).Select(r => new Interval(r.Start, r.End)));

            var free = RoomRules.FreeCells(room.Hours, room.SlotMinutes, day, busy, now).Select(i => new FreeInterval(i.Start, i.End)).ToList();
            return new RoomAvailabilityDto(room.Id, day, room.SlotMinutes, free, reserved);
        }
    }
}
