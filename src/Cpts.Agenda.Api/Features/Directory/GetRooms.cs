using System.Text.Json;
using Cpts.Agenda.Api.Features.Rooms;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// A site's rooms, or one room: opening hours, grid and minimum patient age, for any signed-in caller.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class GetRooms
{
    public sealed record OfSite(Guid SiteId) : IRequest<Result<Page<RoomDto>>>;

    public sealed record One(Guid RoomId) : IRequest<Result<RoomDto>>;

    private const string Select = "SELECT id, site_id, name, slot_minutes, min_patient_age, opening_hours::text AS opening_hours FROM rooms";

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string OfSiteSql = $"{Select} WHERE site_id = @SiteId ORDER BY name, id";

    private const string OneSql = $"{Select} WHERE id = @RoomId";

    private sealed record Row(Guid Id, Guid SiteId, string Name, int SlotMinutes, int MinPatientAge, string OpeningHours)
    {
        public RoomDto ToDto() => new(Id, SiteId, Name, SlotMinutes, MinPatientAge,
            JsonSerializer.Deserialize<List<OpeningInterval>>(OpeningHours, JsonSerializerOptions.Web) ?? []);
    }

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<OfSite, Result<Page<RoomDto>>>, IRequestHandler<One, Result<RoomDto>>
    {
        public async ValueTask<Result<Page<RoomDto>>> Handle(OfSite query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM sites WHERE id = @SiteId)", new { query.SiteId }, cancellationToken: ct)))
                return Error.NotFound($"Site {query.SiteId}");
            var rooms = await c.QueryAsync<Row>(new CommandDefinition(OfSiteSql, new { query.SiteId }, cancellationToken: ct));
            return new Page<RoomDto>(rooms.Select(r => r.ToDto()).ToList(), null);
        }

        public async ValueTask<Result<RoomDto>> Handle(One query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var room = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(OneSql, new { query.RoomId }, cancellationToken: ct));
            return room is null ? Error.NotFound($"Room {query.RoomId}") : room.ToDto();
        }
    }
}
