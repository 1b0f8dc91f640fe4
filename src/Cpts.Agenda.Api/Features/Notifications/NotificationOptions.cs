namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>Agenda:Notifications — reminder leads, delivery mode, retries, providers.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Agenda:Notifications";

    /// <summary>outbox: every channel writes to the notifications table only (Development default); live: SMTP and SMS.</summary>
    public string? Delivery { get; set; }

    /// <summary>How long before the appointment the patient is reminded; a lead the booking was made inside is skipped.</summary>
    public List<TimeSpan>? PatientReminderLeads { get; set; }

    /// <summary>Attempts before a notification is failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay after the first failed attempt; doubles with each further attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A claim (status sending) older than this belongs to a process that died: the row may be claimed again.
    /// A live send is given half of it at most (SendNotification), so it never outlives its claim.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Sends per second of one instance (SendPacer); 0 sends unpaced.</summary>
    public int SendsPerSecond { get; set; } = 20;

    /// <summary>Where open-shift alerts go (the CPTS coordinator).</summary>
    public string? CoordinatorEmail { get; set; }

    public string? CoordinatorPhone { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    public static readonly IReadOnlyList<TimeSpan> DefaultLeads = [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];

    public IReadOnlyList<TimeSpan> Leads => PatientReminderLeads is { Count: > 0 } leads ? leads : DefaultLeads;

    public bool IsLive(bool isDevelopment) => (Delivery ?? (isDevelopment ? "outbox" : "live")) == "live";
}
