namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Teleconsultations in feeds: a practitioner's, as the nurse or as the doctor, and a room's.
/// "Téléconsultation – room" in a cabinet, "Téléconsultation à domicile" otherwise, with the nurse's
/// and the doctor's names; never a patient column (not even read). Times, room and people never change
/// once booked (a trigger refuses it), so the only change is a cancellation: SEQUENCE 1 and
/// STATUS:CANCELLED for the retention period after it. The stamp needs no version column: the
/// cancelled count moves the sum, cancelled_at the last change.
/// </summary>
public sealed class TeleconsultationsFeedSource : TableFeedSource<TeleconsultationsFeedSource.TeleconsultationEventRow>
{
    // A teleconsultation lasts at most 8 hours (RoomRules.MaxLength): the starts_at bound lets the indexes serve.
    private const string Window = """
        t.starts_at >= @Since - interval '8 hours' AND t.ends_at >= @Since
        AND (t.status = 'active' OR t.cancelled_at >= @Since)
        """;

    private const string ByRoom = "t.room_id = @ScopeId";
    private const string ByPractitioner = "(t.nurse_id = @ScopeId OR t.doctor_id = @ScopeId)";

    private const string Stamp = """
        SELECT count(*) AS count, max(coalesce(t.cancelled_at, t.created_at)) AS last_change,
               coalesce(sum(CASE WHEN t.status = 'cancelled' THEN 2 ELSE 1 END), 0) AS versions
        FROM teleconsultations t WHERE
        """;

    private const string Items = """
        SELECT t.id, t.starts_at, t.ends_at, t.status, t.created_at, t.cancelled_at,
               r.name AS room_name, si.name AS site_name, si.address AS site_address, si.city AS site_city,
               n.first_name AS nurse_first_name, n.last_name AS nurse_last_name,
               d.first_name AS doctor_first_name, d.last_name AS doctor_last_name
        FROM teleconsultations t
        JOIN practitioners n ON n.id = t.nurse_id
        JOIN practitioners d ON d.id = t.doctor_id
        LEFT JOIN rooms r ON r.id = t.room_id
        LEFT JOIN sites si ON si.id = t.site_id
        WHERE
        """;

    private const string Order = "ORDER BY t.starts_at, t.id";

    // The scope picks whole const statements: nothing but constants is ever inserted into this SQL.
    private const string RoomStamp = $"{Stamp} {ByRoom} AND {Window}";
    private const string RoomItems = $"{Items} {ByRoom} AND {Window} {Order}";
    private const string PractitionerStamp = $"{Stamp} {ByPractitioner} AND {Window}";
    private const string PractitionerItems = $"{Items} {ByPractitioner} AND {Window} {Order}";

    protected override Statements? Of(string scope) => scope switch
    {
        FeedScopes.Room => new(RoomStamp, RoomItems),
        FeedScopes.Practitioner => new(PractitionerStamp, PractitionerItems),
        _ => null,
    };

    protected override FeedItem Item(TeleconsultationEventRow r, FeedWindow window)
    {
        var cancelled = r.Status == "cancelled";
        return new FeedItem
        {
            Uid = $"teleconsultation-{r.Id}@cpts-agenda",
            Start = r.StartsAt,
            End = r.EndsAt,
            Summary = r.RoomName is null ? "Téléconsultation à domicile" : $"Téléconsultation – {r.RoomName}",
            Description = $"Téléconsultation assistée – infirmier : {r.NurseFirstName} {r.NurseLastName} ; médecin : Dr {r.DoctorFirstName} {r.DoctorLastName}",
            Location = r.SiteName is null ? null : $"{r.RoomName}, {r.SiteName}, {r.SiteAddress}, {r.SiteCity}",
            Cancelled = cancelled,
            Sequence = cancelled ? 1 : 0,
            Changed = r.CancelledAt ?? r.CreatedAt,
        };
    }

    /// <summary>A teleconsultation as its feed event reads it (not Telemedicine's TeleconsultationRow): status, room, nurse and doctor.</summary>
    public sealed class TeleconsultationEventRow : FeedEventRow
    {
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? CancelledAt { get; init; }
        public string? RoomName { get; init; }
        public string NurseFirstName { get; init; } = "";
        public string NurseLastName { get; init; } = "";
        public string DoctorFirstName { get; init; } = "";
        public string DoctorLastName { get; init; } = "";
    }
}
