using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// How well a site's roster is filled, for the coordinator and the MMG secretary: shifts starting in
/// [from, to), how many are assigned, and the open ones soonest first (an open shift a few days ahead is
/// the coordinator's alarm).
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class GetCoverage
{
    public sealed record Query(Guid? SiteId, string? From, string? To, string? Profession) : IRequest<Result<Coverage>>;

    public const int DefaultDays = 14;
    public const int MaxDays = 366;

    private const string Totals = """
        SELECT count(*)::int AS total, count(assignee_id)::int AS assigned FROM shifts
        WHERE site_id = @SiteId AND starts_at >= @From AND starts_at < @To AND (@Profession::text IS NULL OR profession = @Profession)
        """;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Open = $"""
        SELECT {ShiftRow.Columns} FROM shifts
        WHERE site_id = @SiteId AND starts_at >= @From AND starts_at < @To AND (@Profession::text IS NULL OR profession = @Profession)
          AND assignee_id IS NULL
        ORDER BY starts_at, id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Coverage>>
    {
        public async ValueTask<Result<Coverage>> Handle(Query q, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var v = new Validation().Check(q.SiteId is not null, "siteId", "siteId is required.");
            var period = v.Period(q.From, q.To, now, from => from.AddDays(DefaultDays), TimeSpan.FromDays(MaxDays));
            if (q.Profession is not null) v.OneOf(q.Profession, "profession", Professions.All);
            if (v.Failed) return v.ToError();

            await using var c = await db.OpenConnectionAsync(ct);
            if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM sites WHERE id = @SiteId)", new { q.SiteId }, cancellationToken: ct)))
                return Error.NotFound($"Site {q.SiteId}");
            var (from, end) = period!.Value;
            var args = new { q.SiteId, From = from, To = end, q.Profession };
            var (total, assigned) = await c.QuerySingleAsync<(int, int)>(new CommandDefinition(Totals, args, cancellationToken: ct));
            var open = (await c.QueryAsync<ShiftRow>(new CommandDefinition(Open, args, cancellationToken: ct))).ToList();
            var names = await NameBook.LoadAsync(c, [], [q.SiteId], ct); // open shifts have no assignee and are all of this site
            return new Coverage(q.SiteId!.Value, from, end, total, assigned, open.Select(r => r.ToDto(names)).ToList()) { Site = names.Site(q.SiteId) };
        }
    }
}
