namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The notification families. Each plan's SELECT is a named const: the planner and the sender write it
/// into their statements (as a subquery), and a const string admits only constants, so no value of a
/// request or a row ever reaches their SQL text.
/// </summary>
public static class NotificationPlans
{
    // A practitioner is reached by email, else by SMS; neither: nothing is planned.
    private const string PractitionerChannel = """
        CASE WHEN NULLIF(btrim(p.email), '') IS NOT NULL THEN 'email'
             WHEN NULLIF(btrim(p.phone), '') IS NOT NULL THEN 'sms' END
        """;

    /// <summary>The practitioner hears of a new booking at once.</summary>
    public static readonly NotificationPlan BookingNotice = new("booking-notice", "booking", BookingNoticeWanted);

    private const string BookingNoticeWanted = $"""
        SELECT 'booking-notice' AS kind, 'booking' AS subject_kind, b.id AS subject_id, b.starts_at AS subject_at,
               b.practitioner_id::text AS recipient, {PractitionerChannel} AS channel, b.created_at AS due_at
        FROM bookings b JOIN practitioners p ON p.id = b.practitioner_id
        WHERE b.status = 'active' AND b.starts_at > @Now - interval '1 day' AND b.ends_at > @Now
          AND {PractitionerChannel} IS NOT NULL
        """;

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
    public static readonly NotificationPlan BookingCancelled = new("booking-cancelled", "booking", BookingCancelledWanted);

    private const string BookingCancelledWanted = $"""
        SELECT 'booking-cancelled' AS kind, 'booking' AS subject_kind, b.id AS subject_id, b.starts_at AS subject_at,
               r.recipient, r.channel, b.cancelled_at AS due_at
        FROM bookings b JOIN practitioners p ON p.id = b.practitioner_id
        CROSS JOIN LATERAL (VALUES
            (b.practitioner_id::text, {PractitionerChannel}),
            ('patient', CASE WHEN NULLIF(btrim(b.patient_phone), '') IS NOT NULL THEN 'sms' END)) AS r(recipient, channel)
        WHERE b.status = 'cancelled' AND b.cancelled_at < b.starts_at
          AND b.starts_at > @Now - interval '1 day' AND b.ends_at > @Now
          AND r.channel IS NOT NULL
        """;

    /// <summary>
    /// The assignee is reminded of their shift 48 h before. Reassigned: the old assignee's queued
    /// reminder is cancelled and the new one gets a row; moved: new subject_at, new row.
    /// </summary>
    public static readonly NotificationPlan ShiftReminder = new("shift-reminder", "shift", ShiftReminderWanted);

    private const string ShiftReminderWanted = $"""
        SELECT 'shift-reminder-48h' AS kind, 'shift' AS subject_kind, s.id AS subject_id, s.starts_at AS subject_at,
               s.assignee_id::text AS recipient, {PractitionerChannel} AS channel, s.starts_at - interval '48 hours' AS due_at
        FROM shifts s JOIN practitioners p ON p.id = s.assignee_id
        WHERE s.assignee_id IS NOT NULL AND s.starts_at > @Now
          AND {PractitionerChannel} IS NOT NULL
        """;

    /// <summary>
    /// The practitioner asked to take a shift hears of it at once, so they can accept or decline; once the
    /// request is answered or expires, a notice not yet sent is cancelled. Subject: the shift.
    /// </summary>
    public static readonly NotificationPlan SwapRequest = new("swap-request", "shift", SwapRequestWanted);

    private const string SwapRequestWanted = $"""
        SELECT 'swap-request' AS kind, 'shift' AS subject_kind, s.id AS subject_id, s.starts_at AS subject_at,
               r.to_practitioner_id::text AS recipient, {PractitionerChannel} AS channel, r.created_at AS due_at
        FROM swap_requests r
        JOIN shifts s ON s.id = r.shift_id
        JOIN practitioners p ON p.id = r.to_practitioner_id
        WHERE r.status = 'pending' AND s.starts_at > @Now
          AND {PractitionerChannel} IS NOT NULL
        """;

    /// <summary>
    /// The coordinator (Agenda:Notifications:CoordinatorEmail / CoordinatorPhone) hears of a shift still
    /// open 7 days and 2 days before it; once it is taken, the queued alerts are cancelled.
    /// </summary>
    public static readonly NotificationPlan OpenShiftAlert = new("open-shift-alert", "shift", """
        SELECT 'open-shift-alert-' || l.label AS kind, 'shift' AS subject_kind, s.id AS subject_id, s.starts_at AS subject_at,
               'coordinator' AS recipient, @CoordinatorChannel::text AS channel, s.starts_at - l.lead AS due_at
        FROM shifts s
        CROSS JOIN (VALUES ('7d', interval '7 days'), ('2d', interval '2 days')) AS l(label, lead)
        WHERE s.assignee_id IS NULL AND s.starts_at > @Now AND @CoordinatorChannel::text IS NOT NULL
        """);

    /// <summary>The nurse of an active teleconsultation is reminded 1 h before.</summary>
    public static readonly NotificationPlan TeleconsultationReminder = new("teleconsultation-reminder", "teleconsultation", TeleconsultationReminderWanted);

    private const string TeleconsultationReminderWanted = $"""
        SELECT 'teleconsultation-reminder-1h' AS kind, 'teleconsultation' AS subject_kind, t.id AS subject_id, t.starts_at AS subject_at,
               t.nurse_id::text AS recipient, {PractitionerChannel} AS channel, t.starts_at - interval '1 hour' AS due_at
        FROM teleconsultations t JOIN practitioners p ON p.id = t.nurse_id
        WHERE t.status = 'active' AND t.starts_at > @Now
          AND {PractitionerChannel} IS NOT NULL
        """;

    /// <summary>
    /// A practitioner_notices row of the calendars feature, sent at once to its practitioner; the
    /// notification kind is the notice's kind. Sending sets the notice's sent_at (in the same statement
    /// that marks the notification sent), so a sent notice is no longer planned; the unique
    /// notifications row keeps it single meanwhile. Notices older than a day are not planned any more.
    /// </summary>
    private const string PractitionerNoticeWanted = $"""
        SELECT n.kind AS kind, 'practitioner-notice' AS subject_kind, n.id AS subject_id, n.created_at AS subject_at,
               n.practitioner_id::text AS recipient, {PractitionerChannel} AS channel, n.created_at AS due_at
        FROM practitioner_notices n JOIN practitioners p ON p.id = n.practitioner_id
        WHERE n.sent_at IS NULL AND n.created_at > @Now - interval '1 day'
          AND {PractitionerChannel} IS NOT NULL
        """;

    /// <summary>A free slot withdrawn because it overlaps a busy time of the practitioner's own calendar.</summary>
    public static readonly NotificationPlan SlotWithdrawnBusy = new(Calendars.BusyTimesImporter.WithdrawnNotice, "practitioner-notice", SlotWithdrawnBusyWanted);

    private const string SlotWithdrawnBusyWanted = $"{PractitionerNoticeWanted} AND n.kind = '{Calendars.BusyTimesImporter.WithdrawnNotice}'";

    /// <summary>A booked slot that a busy time of the practitioner's own calendar now overlaps (the booking stays).</summary>
    public static readonly NotificationPlan BookedSlotClashesBusy = new(Calendars.BusyTimesImporter.ClashNotice, "practitioner-notice", BookedSlotClashesBusyWanted);

    private const string BookedSlotClashesBusyWanted = $"{PractitionerNoticeWanted} AND n.kind = '{Calendars.BusyTimesImporter.ClashNotice}'";

    /// <summary>Every family the planner runs (see README, "Notifications and jobs").</summary>
    public static readonly IReadOnlyList<NotificationPlan> All =
    [
        BookingNotice, PatientReminders, BookingCancelled, ShiftReminder, SwapRequest, OpenShiftAlert, TeleconsultationReminder,
        SlotWithdrawnBusy, BookedSlotClashesBusy,
    ];

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
