using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The coordinator adds a site (practice, MMG or telemedicine cabinet); ListSites lists them.
/// Side effects: audit site.create, one sites row; triggers: none.
/// </summary>
public static class CreateSite
{
    public static readonly IReadOnlyList<string> Kinds = ["practice", "mmg", "telemedicine"];

    public sealed record Body([property: Required] string? Name, [property: Required] [property: ValuesFrom(typeof(CreateSite), nameof(CreateSite.Kinds))] string? Kind, [property: Required] string? Address, string? PostalCode, string? City, double? Latitude, double? Longitude, string? Phone = null);

    public sealed record Command(Body Body) : IRequest<Result<SiteDto>>, IAudited<SiteDto>
    {
        public AuditAs Audited => new("site.create", "site", StatusCodes.Status201Created);
        public string? AuditedObject(SiteDto? done) => done?.Id.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<SiteDto>>
    {
        private const string Insert = """
            INSERT INTO sites (id, name, kind, address, postal_code, city, latitude, longitude, phone, created_at)
            VALUES (@Id, @Name, @Kind, @Address, @PostalCode, @City, @Latitude, @Longitude, @Phone, @Now)
            """;

        public async ValueTask<Result<SiteDto>> Handle(Command command, CancellationToken ct)
        {
            var b = command.Body;
            var v = new Validation()
                .Required(b.Name, "name", 200)
                .OneOf(b.Kind, "kind", Kinds)
                .Required(b.Address, "address", 300)
                .Required(b.City, "city", 100)
                .Check(b.PostalCode is { Length: 5 } pc && pc.All(char.IsAsciiDigit), "postalCode", "postalCode must be 5 digits.")
                .Check(b.Latitude is >= -90 and <= 90, "latitude", "latitude must be between -90 and 90.")
                .Check(b.Longitude is >= -180 and <= 180, "longitude", "longitude must be between -180 and 180.")
                .Check(b.Phone is null || Phones.IsPhone(b.Phone), "phone", "phone must be a phone number (digits, spaces, +, . or -).");
            if (v.Failed) return v.ToError();

            var site = new SiteDto(Guid.CreateVersion7(), b.Name!.Trim(), b.Kind!, b.Address!.Trim(), b.PostalCode!, b.City!.Trim(), b.Latitude!.Value, b.Longitude!.Value, b.Phone?.Trim());
            await using var c = await db.OpenConnectionAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(Insert, new
            {
                site.Id, site.Name, site.Kind, site.Address, site.PostalCode, site.City, site.Latitude, site.Longitude, site.Phone, Now = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return site;
        }
    }
}
