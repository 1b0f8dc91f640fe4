namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>A SAS-visible slot with its practitioner and place, as read for the FHIR interfaces.</summary>
public sealed class SasSlotRow
{
    public Guid Id { get; init; }
    public Guid PractitionerId { get; init; }
    public Guid? SiteId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string Mode { get; init; } = "";
    public string Status { get; init; } = "";
    public string Profession { get; init; } = "";
    public string Rpps { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? Phone { get; init; }
    public string? PracticeAddress { get; init; }
    public string? PracticePostalCode { get; init; }
    public string? PracticeCity { get; init; }
    public string? SiteName { get; init; }
    public string? SitePhone { get; init; }
    public string? Address { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>The columns of a row, from a slot with its practitioner and site; the caller adds WHERE (after the final line break).</summary>
    public const string Select = """
        SELECT s.id, s.practitioner_id, s.site_id, s.starts_at, s.ends_at, s.updated_at, s.mode, s.status, s.profession,
               p.rpps, p.first_name, p.last_name, p.phone,
               p.practice_address, p.postal_code AS practice_postal_code, p.city AS practice_city,
               si.name AS site_name, si.phone AS site_phone, si.address, si.postal_code, si.city, si.latitude, si.longitude
        FROM slots s
        JOIN practitioners p ON p.id = s.practitioner_id
        LEFT JOIN sites si ON si.id = s.site_id

        """;
}
