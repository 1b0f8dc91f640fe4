namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// MMG shifts in feeds. A practitioner's feed: the shifts assigned to them ("Garde MMG – site"), and
/// a shift they gave back (release, swap, reassignment) as STATUS:CANCELLED for the retention period.
/// A site's feed: its whole roster with the assignees' names, open shifts as "à pourvoir".
/// UID from the shift id; SEQUENCE from the shift's version (every assignment change bumps it).
/// </summary>
public sealed class ShiftsFeedSource : TableFeedSource<ShiftsFeedSource.ShiftEventRow>
{
    // Shifts last well under two days: the starts_at bound lets the (…, starts_at) indexes serve.
    private const string Window = "s.starts_at >= @Since - interval '2 days' AND s.ends_at >= @Since";

    private const string BySite = "s.site_id = @ScopeId";
    private const string ByPractitioner = "(s.assignee_id = @ScopeId OR (s.released_by = @ScopeId AND s.released_at >= @Since))";

    private const string Stamp = $"{VersionedFeedEventRow.StampFrom} shifts s WHERE";

    private const string Items = """
        SELECT s.id, s.profession, s.starts_at, s.ends_at, s.assignee_id, s.version, s.updated_at,
               si.name AS site_name, si.address AS site_address, si.city AS site_city,
               p.first_name AS assignee_first_name, p.last_name AS assignee_last_name
        FROM shifts s
        JOIN sites si ON si.id = s.site_id
        LEFT JOIN practitioners p ON p.id = s.assignee_id
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

    protected override FeedItem Item(ShiftEventRow r, FeedWindow window)
    {
        var site = window.Scope == FeedScopes.Site;
        var summary = site
            ? r.AssigneeId is null ? "Garde MMG – à pourvoir"
                : $"Garde MMG – {(r.Profession == "generalist" ? "Dr " : "")}{r.AssigneeFirstName} {r.AssigneeLastName}"
            : $"Garde MMG – {r.SiteName}";
        return new FeedItem
        {
            Uid = $"shift-{r.Id}@cpts-agenda",
            Start = r.StartsAt,
            End = r.EndsAt,
            Summary = summary,
            Description = "Maison médicale de garde",
            Location = $"{r.SiteName}, {r.SiteAddress}, {r.SiteCity}",
            // In a practitioner's feed, a shift that is no longer theirs was given back.
            Cancelled = !site && r.AssigneeId != window.ScopeId,
            Sequence = r.Sequence,
            Changed = r.UpdatedAt,
        };
    }

    /// <summary>A shift as its feed event reads it (not the roster's ShiftRow): profession and assignee.</summary>
    public sealed class ShiftEventRow : VersionedFeedEventRow
    {
        public string Profession { get; init; } = "";
        public Guid? AssigneeId { get; init; }
        public string? AssigneeFirstName { get; init; }
        public string? AssigneeLastName { get; init; }
    }
}
