namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>What a shift's notifications say: when, where, which profession.</summary>
public sealed record ShiftFacts
{
    public const string Sql = """
        SELECT s.starts_at, s.ends_at, s.profession,
               si.name AS site_name, si.address AS site_address, si.postal_code AS site_postal_code, si.city AS site_city,
               a.first_name AS assignee_first_name, a.last_name AS assignee_last_name
        FROM shifts s JOIN sites si ON si.id = s.site_id
        LEFT JOIN practitioners a ON a.id = s.assignee_id
        WHERE s.id = @SubjectId
        """;

    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Profession { get; init; } = "";
    public string SiteName { get; init; } = "";
    public string SiteAddress { get; init; } = "";
    public string SitePostalCode { get; init; } = "";
    public string SiteCity { get; init; } = "";
    /// <summary>Who holds the shift now (for a swap request: the practitioner asking).</summary>
    public string? AssigneeFirstName { get; init; }
    public string? AssigneeLastName { get; init; }
}
