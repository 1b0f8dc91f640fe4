namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>The CPTS as the SAS sees it (section <c>Agenda:Cpts</c>) and the public base URL of the service.</summary>
public sealed class CptsOptions
{
    /// <summary>FINESS of the CPTS, 9 characters, without the "1" prefix the SAS identifier adds.</summary>
    public string? Finess { get; set; }

    /// <summary>SIRET of the CPTS (14 digits), sent as the practitioners' exercise structure ("3" + SIRET).</summary>
    public string? Siret { get; set; }

    public string Name { get; set; } = "CPTS";
    public string? Phone { get; set; }

    /// <summary>Postal address of the CPTS (street line, postal code, city): the address of teleconsultations
    /// that have no site, which the guide's FrLocationAgregateur requires.</summary>
    public string? Address { get; set; }

    public string? PostalCode { get; set; }
    public string? City { get; set; }

    public bool HasAddress => !string.IsNullOrWhiteSpace(Address) && !string.IsNullOrWhiteSpace(PostalCode) && !string.IsNullOrWhiteSpace(City);

    public bool HasFiness => Finess is { Length: 9 } f && f.All(char.IsAsciiDigit);
}
