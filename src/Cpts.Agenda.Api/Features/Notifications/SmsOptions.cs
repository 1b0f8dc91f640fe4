namespace Cpts.Agenda.Api.Features.Notifications;

public sealed class SmsOptions
{
    /// <summary>The provider's endpoint: POST {to, text, sender} as JSON with an Idempotency-Key header.</summary>
    public Uri? Url { get; set; }
    /// <summary>Sent as "Authorization: Bearer …" when set.</summary>
    public string? ApiKey { get; set; }
    public string Sender { get; set; } = "CPTS";
}
