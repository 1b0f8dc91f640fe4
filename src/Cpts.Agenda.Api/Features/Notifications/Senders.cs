using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>One email; IdempotencyKey is the notification id (sent as the Message-ID).</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string IdempotencyKey);

/// <summary>One SMS; IdempotencyKey is the notification id (sent as the Idempotency-Key header).</summary>
public sealed record SmsMessage(string To, string Text, string IdempotencyKey);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

public interface ISmsProvider
{
    Task SendAsync(SmsMessage message, CancellationToken ct);
}

/// <summary>A channel that is not configured, or a provider that refused: the notification is retried, then failed.</summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException() : base("Delivery failed.") { }
    public DeliveryException(string message) : base(message) { }
    public DeliveryException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>SMTP through MailKit, one connection per message. The Message-ID carries the notification id, so a
/// receiving system that deduplicates on it sees a retried message once.</summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new DeliveryException("Agenda:Notifications:Smtp:Host is not configured.");
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.IdempotencyKey}@{smtp.From.Split('@').Last()}";
        mime.Body = new TextPart("plain") { Text = message.Text };

        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

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
