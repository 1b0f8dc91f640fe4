namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The names behind the ids of a set of answers, read in one query per kind: lists look their
/// practitioners and sites up once, not once per row.
/// </summary>
public sealed class NameBook
{
    private readonly Dictionary<Guid, PractitionerRef> _practitioners;
    private readonly Dictionary<Guid, SiteRef> _sites;

    private NameBook(Dictionary<Guid, PractitionerRef> practitioners, Dictionary<Guid, SiteRef> sites) =>
        (_practitioners, _sites) = (practitioners, sites);

    public PractitionerRef? Practitioner(Guid? id) => id is { } v && _practitioners.TryGetValue(v, out var p) ? p : null;

    public SiteRef? Site(Guid? id) => id is { } v && _sites.TryGetValue(v, out var s) ? s : null;

    public static async Task<NameBook> LoadAsync(NpgsqlConnection c, IEnumerable<Guid?> practitionerIds, IEnumerable<Guid?> siteIds, CancellationToken ct)
    {
        var people = practitionerIds.OfType<Guid>().Distinct().ToArray();
        var places = siteIds.OfType<Guid>().Distinct().ToArray();
        var practitioners = people.Length == 0 ? [] : (await c.QueryAsync<(Guid Id, string FirstName, string LastName, string Profession)>(new CommandDefinition(
                "SELECT id, first_name, last_name, profession FROM practitioners WHERE id = ANY(@Ids)", new { Ids = people }, cancellationToken: ct)))
            .ToDictionary(p => p.Id, p => new PractitionerRef(p.Id, $"{p.FirstName} {p.LastName}", p.Profession));
        var sites = places.Length == 0 ? [] : (await c.QueryAsync<(Guid Id, string Name, string Address, string PostalCode, string City, string? Phone)>(new CommandDefinition(
                "SELECT id, name, address, postal_code, city, phone FROM sites WHERE id = ANY(@Ids)", new { Ids = places }, cancellationToken: ct)))
            .ToDictionary(s => s.Id, s => new SiteRef(s.Id, s.Name, s.Address, s.PostalCode, s.City, s.Phone));
        return new NameBook(practitioners, sites);
    }
}
