namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// SNP slots in feeds: a practitioner's own slots, and the slots published at a site. One event per
/// slot (UID from the slot id); booking or cancelling a booking changes the event (the slot's
/// version is its SEQUENCE); a withdrawn slot stays as STATUS:CANCELLED for the retention period.
/// Only the booking's channel is read, never the patient.
/// </summary>
public sealed class SlotsFeedSource : TableFeedSource<SlotsFeedSource.SlotEventRow>
{
    // Slots last at most 12 hours: the starts_at bound lets the (practitioner_id, starts_at) index serve.
    private const string Window = """
        s.starts_at >= @Since - interval '12 hours' AND s.ends_at >= @Since
        AND (s.status <> 'withdrawn' OR s.updated_at >= @Since)
        """;

    private const string BySite = "s.site_id = @ScopeId";
    private const string ByPractitioner = "s.practitioner_id = @ScopeId";

    private const string Stamp = $"{VersionedFeedEventRow.StampFrom} slots s WHERE";

    private const string Items = """
        SELECT s.id, s.starts_at, s.ends_at, s.mode, s.status, s.version, s.updated_at,
               b.channel, si.name AS site_name, si.address AS site_address, si.city AS site_city,
               p.first_name AS practitioner_first_name, p.last_name AS practitioner_last_name
        FROM slots s
        JOIN practitioners p ON p.id = s.practitioner_id
        LEFT JOIN sites si ON si.id = s.site_id
        LEFT JOIN bookings b ON b.slot_id = s.id AND b.status = 'active'
        WHERE
        """;

    private const string Order = "ORDER BY s.starts_at, s.id";

    // The scope picks whole const statements: nothing but constants is ever inserted into this SQL.
    private const string SiteStamp = $"{Stamp} {BySite} AND {Window}";
    private const string SiteItems = $"{Items} {BySite} AND {Window} {Order}";
    private const string PractitionerStamp = $"{Stamp} {ByPractitioner} AND {Window}";
    private const string PractitionerItems = $"{Items} {ByPractitioner} AND {Window} {Order}";

    protected override Statements? Of(string scope) => scope switch
    {
        FeedScopes.Site => new(SiteStamp, SiteItems),
        FeedScopes.Practitioner => new(PractitionerStamp, PractitionerItems),
        _ => null,
    };

    protected override FeedItem Item(SlotEventRow row, FeedWindow window) => ToItem(row, window.Scope == FeedScopes.Site);

    public static FeedItem ToItem(SlotEventRow r, bool withPractitionerName)
    {
        var summary = r.Status switch
        {
            "booked" => $"SNP – réservé ({ChannelLabel(r.Channel)})",
            "withdrawn" => "SNP – retiré",
            _ => "SNP – libre",
        };
        if (withPractitionerName) summary += $" – {r.PractitionerFirstName} {r.PractitionerLastName}";
        return new FeedItem
        {
            Uid = $"slot-{r.Id}@cpts-agenda",
            Start = r.StartsAt,
            End = r.EndsAt,
            Summary = summary,
            Description = r.Mode switch
            {
                "teleconsultation" => "Soins non programmés – téléconsultation",
                "home-visit" => "Soins non programmés – visite à domicile",
                _ => "Soins non programmés – au cabinet",
            },
            Location = r.SiteName is null ? null : $"{r.SiteName}, {r.SiteAddress}, {r.SiteCity}",
            Cancelled = r.Status == "withdrawn",
            Sequence = r.Sequence,
            Changed = r.UpdatedAt,
        };
    }

    /// <summary>Who booked, as a channel only: never a person.</summary>
    public static string ChannelLabel(string? channel) => channel switch
    {
        "sas" => "SAS",
        "nurse" => "infirmier",
        "pharmacist" => "pharmacien",
        "practitioner" => "médecin",
        "cpts" => "CPTS",
        _ => "CPTS",
    };

    /// <summary>A slot as its feed event reads it: mode, status, booking channel and practitioner.</summary>
    public sealed class SlotEventRow : VersionedFeedEventRow
    {
        public string Mode { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Channel { get; init; }
        public string PractitionerFirstName { get; init; } = "";
        public string PractitionerLastName { get; init; } = "";
    }
}
