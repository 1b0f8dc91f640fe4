namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>What the nurse's reminder of a teleconsultation says: when, where, with which doctor; never the patient.</summary>
public sealed record TeleconsultationFacts
{
    public const string Sql = """
        SELECT t.starts_at, d.first_name AS doctor_first_name, d.last_name AS doctor_last_name, d.profession AS doctor_profession,
               r.name AS room_name, si.name AS site_name, si.address AS site_address, si.postal_code AS site_postal_code, si.city AS site_city
        FROM teleconsultations t
        JOIN practitioners d ON d.id = t.doctor_id
        LEFT JOIN rooms r ON r.id = t.room_id
        LEFT JOIN sites si ON si.id = t.site_id
        WHERE t.id = @SubjectId
        """;

    public DateTimeOffset StartsAt { get; init; }
    public string DoctorFirstName { get; init; } = "";
    public string DoctorLastName { get; init; } = "";
    public string DoctorProfession { get; init; } = "";
    public string? RoomName { get; init; }
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SitePostalCode { get; init; }
    public string? SiteCity { get; init; }
}
