namespace Cpts.Agenda.Api.Features.Availability;

/// <summary>
/// Where the patient is, as the regulator types it: a point ("47.62,6.15"), a postal code or a
/// commune name. Postal codes and communes are those of the CPTS's sites (their centre): the
/// agenda has no national gazetteer, and a commune without a site is answered with the field's error.
/// For the search page's callers: the regulator, nurses, practitioners, the coordinator.
/// Side effects: none (a pure read of sites); triggers: none.
/// </summary>
public static class FindPlace
{
    public sealed record Query(string? Text) : IRequest<Result<Place>>;

    private const string Sql = """
        SELECT avg(latitude) AS latitude, avg(longitude) AS longitude, min(city) AS city, min(postal_code) AS postal_code
        FROM sites
        WHERE (@PostalCode::text IS NOT NULL AND postal_code = @PostalCode) OR (@City::text IS NOT NULL AND lower(city) = lower(@City))
        HAVING count(*) > 0
        """;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Place>>
    {
        public async ValueTask<Result<Place>> Handle(Query query, CancellationToken ct)
        {
            var text = query.Text?.Trim();
            if (string.IsNullOrEmpty(text)) return Error.Invalid("place", "place is required: a commune, a postal code or 'latitude,longitude'.");
            if (SearchAvailability.ParseNear(text.Replace(" ", "", StringComparison.Ordinal)) is { } point)
                return new Place(point.Lat, point.Lon, text);
            var isPostalCode = text.Length == 5 && text.All(char.IsAsciiDigit);
            await using var c = await db.OpenConnectionAsync(ct);
            var found = await c.QuerySingleOrDefaultAsync<(double Latitude, double Longitude, string City, string PostalCode)?>(new CommandDefinition(Sql,
                new { PostalCode = isPostalCode ? text : null, City = isPostalCode ? null : text }, cancellationToken: ct));
            if (found is not { } f) return Error.Invalid("place", "place is not a commune or postal code of this CPTS's sites.");
            return new Place(f.Latitude, f.Longitude, isPostalCode ? $"{text} ({f.City})" : $"{f.City} ({f.PostalCode})");
        }
    }
}
