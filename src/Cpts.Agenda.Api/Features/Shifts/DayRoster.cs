using System.Globalization;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The MMG secretary's day (the secretary and the coordinator): for each MMG site, the shifts starting on
/// each of the days asked (Paris dates), with the name and phone of who is on duty (their own phone, else
/// their practice's) and the open ones. No patient data.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class DayRoster
{
    public const int MaxDays = 7;

    public sealed record Query(string? Date, int? Days) : IRequest<Result<IReadOnlyList<RosterDay>>>;

    /// <summary>The answer of the roster route: the days, soonest first.</summary>
    public sealed record Roster(IReadOnlyList<RosterDay> Days);

    public sealed record RosterDay(DateOnly Date, string? Holiday, IReadOnlyList<SiteRoster> Sites);

    public sealed record SiteRoster(Guid SiteId, string Name, string Address, string City, string? Phone, IReadOnlyList<RosterShift> Shifts);

    public sealed record RosterShift(
        Guid Id, string Profession, string Period, DateTimeOffset Start, DateTimeOffset End, string Status,
        Guid? AssigneeId, string? AssigneeName, string? AssigneePhone);

    private const string Sql = """
        SELECT st.id AS site_id, st.name AS site_name, st.address AS site_address, st.city AS site_city, st.phone AS site_phone,
               s.id, s.profession, s.period, s.starts_at, s.ends_at, s.assignee_id,
               p.first_name, p.last_name, COALESCE(p.phone, p.practice_phone) AS phone
        FROM sites st
        LEFT JOIN shifts s ON s.site_id = st.id AND s.starts_at >= @From AND s.starts_at < @To
        LEFT JOIN practitioners p ON p.id = s.assignee_id
        WHERE st.kind = 'mmg'
        ORDER BY st.name, st.id, s.starts_at, s.profession, s.id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<IReadOnlyList<RosterDay>>>
    {
        public async ValueTask<Result<IReadOnlyList<RosterDay>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var first = q.Date is null ? Paris.LocalDate(clock.GetUtcNow()) : v.Date(q.Date, "date") ?? default;
            v.Check(q.Days is null or (>= 1 and <= MaxDays), "days", $"days must be between 1 and {MaxDays}.");
            if (v.Failed) return v.ToError();
            var days = q.Days ?? 2;

            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<Row>(new CommandDefinition(Sql, new
            {
                From = Paris.Day(first).Start, To = Paris.Day(first.AddDays(days - 1)).End,
            }, cancellationToken: ct))).ToList();

            var sites = rows.GroupBy(r => (r.SiteId, r.SiteName, r.SiteAddress, r.SiteCity, r.SitePhone)).ToList();
            return Enumerable.Range(0, days).Select(i =>
            {
                var date = first.AddDays(i);
                return new RosterDay(date, PublicHolidays.NameOf(date), sites.Select(site => new SiteRoster(
                    site.Key.SiteId, site.Key.SiteName, site.Key.SiteAddress, site.Key.SiteCity, site.Key.SitePhone,
                    site.Where(r => r.Id is not null && Paris.LocalDate(r.StartsAt!.Value) == date).Select(r => new RosterShift(
                        r.Id!.Value, r.Profession!, r.Period!, r.StartsAt!.Value, r.EndsAt!.Value, r.AssigneeId is null ? "open" : "assigned",
                        r.AssigneeId, r.AssigneeId is null ? null : $"{r.FirstName} {r.LastName}", r.Phone)).ToList())).ToList());
            }).ToList();
        }
    }

    private sealed class Row
    {
        public Guid SiteId { get; init; }
        public string SiteName { get; init; } = "";
        public string SiteAddress { get; init; } = "";
        public string SiteCity { get; init; } = "";
        public string? SitePhone { get; init; }
        public Guid? Id { get; init; }
        public string? Profession { get; init; }
        public string? Period { get; init; }
        public DateTimeOffset? StartsAt { get; init; }
        public DateTimeOffset? EndsAt { get; init; }
        public Guid? AssigneeId { get; init; }
        public string? FirstName { get; init; }
        public string? LastName { get; init; }
        public string? Phone { get; init; }
    }
}
