namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>What a practitioner notice of the calendars feature says: the slot concerned, never a patient.</summary>
public sealed record PractitionerNoticeFacts
{
    public const string Sql = """
        SELECT n.kind, sl.starts_at AS slot_starts_at, sl.mode AS slot_mode,
               si.name AS site_name, si.address AS site_address, si.postal_code AS site_postal_code, si.city AS site_city
        FROM practitioner_notices n
        LEFT JOIN slots sl ON sl.id = n.slot_id
        LEFT JOIN sites si ON si.id = sl.site_id
        WHERE n.id = @SubjectId
        """;

    public string Kind { get; init; } = "";
    public DateTimeOffset? SlotStartsAt { get; init; }
    public string? SlotMode { get; init; }
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SitePostalCode { get; init; }
    public string? SiteCity { get; init; }
}
