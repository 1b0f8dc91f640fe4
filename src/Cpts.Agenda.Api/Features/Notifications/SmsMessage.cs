namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>One SMS; IdempotencyKey is the notification id (sent as the Idempotency-Key header).</summary>
public sealed record SmsMessage(string To, string Text, string IdempotencyKey);
