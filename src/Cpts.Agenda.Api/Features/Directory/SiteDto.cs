namespace Cpts.Agenda.Api.Features.Directory;

public sealed record SiteDto(Guid Id, string Name, [property: ValuesFrom(typeof(CreateSite), nameof(CreateSite.Kinds))] string Kind, string Address, string PostalCode, string City, double Latitude, double Longitude, string? Phone = null);
