namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>What the texts of a booking's notifications say: the appointment, never the patient's identity.</summary>
public sealed record BookingFacts
{
    public const string Sql = """
        SELECT b.starts_at, b.channel AS booked_through, b.patient_phone, sl.mode,
               p.first_name AS practitioner_first_name, p.last_name AS practitioner_last_name, p.profession,
               s.name AS site_name, s.address AS site_address, s.postal_code AS site_postal_code, s.city AS site_city
        FROM bookings b
        JOIN practitioners p ON p.id = b.practitioner_id
        JOIN slots sl ON sl.id = b.slot_id
        LEFT JOIN sites s ON s.id = sl.site_id
        WHERE b.id = @SubjectId
        """;

    public DateTimeOffset StartsAt { get; init; }
    public string BookedThrough { get; init; } = "";
    public string? PatientPhone { get; init; }
    public string Mode { get; init; } = "";
    public string PractitionerFirstName { get; init; } = "";
    public string PractitionerLastName { get; init; } = "";
    public string Profession { get; init; } = "";
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SitePostalCode { get; init; }
    public string? SiteCity { get; init; }
}
