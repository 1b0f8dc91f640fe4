using System.Text.Json;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The coordinator adds a telemedicine room to a site, with its grid, minimum patient age and weekly
/// opening hours (an unknown site: 404).
/// Side effects: audit room.create, one rooms row; triggers: none.
/// </summary>
public static class CreateRoom
{
    public sealed record Body(string? Name, int? SlotMinutes, int? MinPatientAge, List<OpeningInterval>? OpeningHours);

    public sealed record Command(Guid SiteId, Body Body) : IRequest<Result<RoomDto>>, IAudited<RoomDto>
    {
        public AuditAs Audited => new("room.create", "room", StatusCodes.Status201Created);
        public string? AuditedObject(RoomDto? done) => done?.Id.ToString() ?? SiteId.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<RoomDto>>
    {
        private const string Insert = """
            INSERT INTO rooms (id, site_id, name, slot_minutes, min_patient_age, opening_hours, created_at)
            SELECT @Id, s.id, @Name, @SlotMinutes, @MinPatientAge, @OpeningHours::jsonb, @Now FROM sites s WHERE s.id = @SiteId
            """;

        public async ValueTask<Result<RoomDto>> Handle(Command command, CancellationToken ct)
        {
            var b = command.Body;
            var hours = b.OpeningHours ?? [];
            var v = new Validation()
                .Required(b.Name, "name", 100)
                .Check(b.SlotMinutes is null or (>= 5 and <= 240), "slotMinutes", "slotMinutes must be between 5 and 240.")
                .Check(b.MinPatientAge is null or (>= 0 and <= 120), "minPatientAge", "minPatientAge must be between 0 and 120.");
            for (var i = 0; i < hours.Count; i++)
            {
                var h = hours[i];
                v.Check(h.DayOfWeek is >= 1 and <= 7, $"openingHours[{i}].dayOfWeek", "dayOfWeek must be 1 (Monday) to 7 (Sunday).");
                var times = OpeningInterval.IsTime(h.Start) && OpeningInterval.IsTime(h.End);
                v.Check(times, $"openingHours[{i}]", "start and end must be HH:mm.");
                if (times) v.Check(h.StartTime < h.EndTime, $"openingHours[{i}]", "end must be after start.");
            }
            if (v.Failed) return v.ToError();

            var room = new RoomDto(Guid.CreateVersion7(), command.SiteId, b.Name!.Trim(), b.SlotMinutes ?? 30, b.MinPatientAge ?? 6, hours);
            await using var c = await db.OpenConnectionAsync(ct);
            var inserted = await c.ExecuteAsync(new CommandDefinition(Insert, new
            {
                room.Id, room.SiteId, room.Name, room.SlotMinutes, room.MinPatientAge,
                OpeningHours = JsonSerializer.Serialize(hours, JsonSerializerOptions.Web), Now = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return inserted == 0 ? Error.NotFound($"Site {command.SiteId}") : room;
        }
    }
}
