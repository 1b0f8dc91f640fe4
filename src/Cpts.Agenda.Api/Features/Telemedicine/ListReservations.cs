namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// A room's weekly reservations for partners (ended ones too), by weekday and start, for nurses and the
/// coordinator: the API's list and the site page of the coordination.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListReservations
{
    public sealed record Query(Guid RoomId) : IRequest<Result<Page<ReservationDto>>>;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Page<ReservationDto>>>
    {
        public async ValueTask<Result<Page<ReservationDto>>> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            if (await RoomRow.LoadAsync(c, query.RoomId, ct) is null) return Error.NotFound($"Room {query.RoomId}");
            var rows = await c.QueryAsync<ReservationRow>(new CommandDefinition(ReservationRow.OfRoomSql,
                new { query.RoomId }, cancellationToken: ct));
            return new Page<ReservationDto>(rows.Select(r => r.ToDto()).ToList(), null);
        }
    }
}
