namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// One family of notifications, defined by ONE SELECT over the agenda: the rows that should exist now
/// (columns kind, subject_kind, subject_id, subject_at, recipient, channel, due_at). The planner
/// inserts them (ON CONFLICT DO NOTHING), cancels queued rows of the family the SELECT no longer
/// yields, and the sender re-runs the same SELECT for its one row before sending: one definition of
/// "the subject still holds". Parameters available: @Now, @LeadMinutes (int[]), @LeadLabels (text[]),
/// @CoordinatorChannel (text, null when no coordinator contact is configured).
/// </summary>
public sealed record NotificationPlan(string Family, string SubjectKind, string Wanted)
{
    /// <summary>Kinds of this family: the family name itself or the family name followed by a lead (patient-reminder-24h).</summary>
    public bool Owns(string kind) => kind == Family || kind.StartsWith(Family + "-", StringComparison.Ordinal);
}

public static class NotificationPlans
{
    // A practitioner is reached by email, else by SMS; neither: nothing is planned.
    private const string PractitionerChannel = """
        CASE WHEN NULLIF(btrim(p.email), '') IS NOT NULL THEN 'email'
             WHEN NULLIF(btrim(p.phone), '') IS NOT NULL THEN 'sms' END
        """;

    /// <summary>The practitioner hears of a new booking at once.</summary>
    public static readonly NotificationPlan BookingNotice = new("booking-notice", "booking", $"""
        SELECT 'booking-notice' AS kind, 'booking' AS subject_kind, b.id AS subject_id, b.starts_at AS subject_at,
               b.practitioner_id::text AS recipient, {PractitionerChannel} AS channel, b.created_at AS due_at
        FROM bookings b JOIN practitioners p ON p.id = b.practitioner_id
        WHERE b.status = 'active' AND b.starts_at > @Now - interval '1 day' AND b.ends_at > @Now
          AND {PractitionerChannel} IS NOT NULL
        """);

    /// <summary>The patient is reminded by SMS at each lead before the appointment, unless booked inside that lead.</summary>
    public static readonly NotificationPlan PatientReminders = new("patient-reminder", "booking", """
        SELECT 'patient-reminder-' || l.label AS kind, 'booking' AS subject_kind, b.id AS subject_id, b.starts_at AS subject_at,
               'patient' AS recipient, 'sms' AS channel, b.starts_at - make_interval(mins => l.minutes) AS due_at
        FROM bookings b
        CROSS JOIN unnest(@LeadMinutes::int[], @LeadLabels::text[]) AS l(minutes, label)
        WHERE b.status = 'active' AND b.starts_at > @Now
          AND NULLIF(btrim(b.patient_phone), '') IS NOT NULL
          AND b.created_at <= b.starts_at - make_interval(mins => l.minutes)
        """);

    /// <summary>A booking cancelled before its appointment: the practitioner and the patient are told.</summary>
    public static readonly NotificationPlan BookingCancelled = new("booking-cancelled", "booking", $"""
        SELECT 'booking-cancelled' AS kind, 'booking' AS subject_kind, b.id AS subject_id, b.starts_at AS subject_at,
               r.recipient, r.channel, b.cancelled_at AS due_at
        FROM bookings b JOIN practitioners p ON p.id = b.practitioner_id
        CROSS JOIN LATERAL (VALUES
            (b.practitioner_id::text, {PractitionerChannel}),
            ('patient', CASE WHEN NULLIF(btrim(b.patient_phone), '') IS NOT NULL THEN 'sms' END)) AS r(recipient, channel)
        WHERE b.status = 'cancelled' AND b.cancelled_at < b.starts_at
          AND b.starts_at > @Now - interval '1 day' AND b.ends_at > @Now
          AND r.channel IS NOT NULL
        """);

    /// <summary>
    /// Every family the planner runs. Shifts, teleconsultations and practitioner notices add their
    /// SELECT here once their tables exist (see README, "Notifications").
    /// </summary>
    public static readonly IReadOnlyList<NotificationPlan> All = [BookingNotice, PatientReminders, BookingCancelled];

    public static NotificationPlan? Of(string kind) => All.FirstOrDefault(p => p.Owns(kind));

    /// <summary>24h, 2h, 90min: the lead as it appears in the kind.</summary>
    public static string LeadLabel(TimeSpan lead)
    {
        var minutes = (int)lead.TotalMinutes;
        return minutes % 60 == 0 ? $"{minutes / 60}h" : $"{minutes}min";
    }

    /// <summary>The parameters every plan's SELECT may use.</summary>
    public static object Parameters(DateTimeOffset now, NotificationOptions options) => new
    {
        Now = now,
        LeadMinutes = options.Leads.Select(l => (int)l.TotalMinutes).ToArray(),
        LeadLabels = options.Leads.Select(LeadLabel).ToArray(),
        CoordinatorChannel = !string.IsNullOrWhiteSpace(options.CoordinatorEmail) ? "email"
            : !string.IsNullOrWhiteSpace(options.CoordinatorPhone) ? "sms" : null,
    };
}
