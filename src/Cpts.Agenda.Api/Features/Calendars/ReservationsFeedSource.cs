using System.Data.Common;
using Cpts.Agenda.Api.Features.Rooms;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A room's weekly partner reservations in its feed: each block expanded over the feed's window (from
/// the retention period back to the publication horizon ahead), one event per date, "Réservé – partner".
/// UID from the reservation and the date. Reservations are added, ended (valid_to, ended_at) or, before
/// they begin, removed: their count, last creation or end, and the number ended are their stamp; the window follows the Paris date, which the stamp carries too (and
/// Last-Modified is at least that day's midnight), so the ETag moves when a new day enters the window.
/// </summary>
public sealed class ReservationsFeedSource(IOptions<AgendaOptions> agenda) : IFeedSource
{
    private const string Applies = "rr.room_id = @ScopeId AND rr.valid_from <= @To AND (rr.valid_to IS NULL OR rr.valid_to >= @From)";

    private const string StampSql =
        $"SELECT count(*) AS count, max(greatest(rr.created_at, rr.ended_at)) AS last_change, count(rr.ended_at) AS versions FROM room_reservations rr WHERE {Applies}";

    private const string ItemsSql = $"""
        SELECT rr.id, rr.day_of_week, rr.start_minute, rr.end_minute, rr.holder, rr.valid_from, rr.valid_to, rr.created_at,
               r.name AS room_name, s.name AS site_name, s.address AS site_address, s.city AS site_city
        FROM room_reservations rr
        JOIN rooms r ON r.id = rr.room_id
        JOIN sites s ON s.id = r.site_id
        WHERE {Applies}
        ORDER BY rr.id
        """;

    public bool Feeds(string scope) => scope == FeedScopes.Room;

    private (DateOnly From, DateOnly Today, DateOnly To) Dates(FeedWindow window)
    {
        var today = Paris.LocalDate(window.Now);
        return (Paris.LocalDate(window.Since), today, today.AddDays(agenda.Value.PublicationHorizonDays));
    }

    public NpgsqlBatchCommand StampCommand(FeedWindow window)
    {
        var (from, _, to) = Dates(window);
        return new NpgsqlBatchCommand(StampSql)
        {
            Parameters = { new NpgsqlParameter("ScopeId", window.ScopeId), new NpgsqlParameter("From", from), new NpgsqlParameter("To", to) },
        };
    }

    public FeedStamp ReadStamp(DbDataReader reader, FeedWindow window)
    {
        var (_, today, _) = Dates(window);
        var row = FeedStampRow.Read(reader);
        if (row.Count == 0) return row.ToStamp();
        var midnight = Paris.ToInstant(today, TimeOnly.MinValue);
        var changed = row.LastChange is { } last && last > midnight ? last : midnight;
        return new FeedStamp(row.Count, changed, row.Versions, today);
    }

    public async Task<IReadOnlyList<FeedItem>> ItemsAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct)
    {
        var (from, _, to) = Dates(window);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(ItemsSql, new { window.ScopeId, From = from, To = to }, cancellationToken: ct))).ToList();
        var items = new List<FeedItem>();
        foreach (var r in rows)
        {
            var rule = r.ToRule();
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                if (rule.On(date) is not { } block) continue;
                items.Add(new FeedItem
                {
                    Uid = $"reservation-{r.Id}-{date:yyyyMMdd}@cpts-agenda",
                    Start = block.Start,
                    End = block.End,
                    Summary = $"Réservé – {r.Holder}",
                    Description = "Créneau hebdomadaire réservé à un partenaire",
                    Location = $"{r.RoomName}, {r.SiteName}, {r.SiteAddress}, {r.SiteCity}",
                    Sequence = 0,
                    Changed = r.CreatedAt,
                });
            }
        }
        return items;
    }

    private sealed class Row : WeeklyReservationRow
    {
        public DateTimeOffset CreatedAt { get; init; }
        public string RoomName { get; init; } = "";
        public string SiteName { get; init; } = "";
        public string? SiteAddress { get; init; }
        public string? SiteCity { get; init; }
    }
}
