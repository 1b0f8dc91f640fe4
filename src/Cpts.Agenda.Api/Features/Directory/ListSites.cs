namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The sites (practices, MMGs, telemedicine cabinets) ordered by name, of one kind when asked, for any
/// signed-in caller: the API's site list and the pages that offer a site to pick.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListSites
{
    /// <param name="Kind">One of <see cref="CreateSite.Kinds"/>, or null for every site.</param>
    public sealed record Query(string? Kind) : IRequest<Result<Page<SiteDto>>>;

    private const string Sql = """
        SELECT id, name, kind, address, postal_code, city, latitude, longitude, phone FROM sites
        WHERE @Kind::text IS NULL OR kind = @Kind ORDER BY name, id
        """;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Page<SiteDto>>>
    {
        public async ValueTask<Result<Page<SiteDto>>> Handle(Query query, CancellationToken ct)
        {
            if (query.Kind is not null && !CreateSite.Kinds.Contains(query.Kind))
                return Error.Invalid("kind", $"kind must be one of: {string.Join(", ", CreateSite.Kinds)}.");
            await using var c = await db.OpenConnectionAsync(ct);
            var sites = await c.QueryAsync<SiteDto>(new CommandDefinition(Sql, new { query.Kind }, cancellationToken: ct));
            return new Page<SiteDto>(sites.ToList(), null);
        }
    }
}
