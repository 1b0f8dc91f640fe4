using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The generic HTTP SMS provider: POST {"to", "text", "sender"} as JSON to Agenda:Notifications:Sms:Url with the
/// notification id in the Idempotency-Key header (and "Authorization: Bearer" when an ApiKey is set).
/// Any 2xx is a success. Error messages never carry the number or the text.
/// </summary>
public sealed class HttpSmsProvider(HttpClient http, IOptions<NotificationOptions> options) : ISmsProvider
{
    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        var sms = options.Value.Sms;
        if (sms.Url is null) throw new DeliveryException("Agenda:Notifications:Sms:Url is not configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url)
        {
            Content = JsonContent.Create(new { to = message.To, text = message.Text, sender = sms.Sender }),
        };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        if (!string.IsNullOrEmpty(sms.ApiKey)) request.Headers.Authorization = new("Bearer", sms.ApiKey);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new DeliveryException($"The SMS provider answered {(int)response.StatusCode}.");
    }
}
