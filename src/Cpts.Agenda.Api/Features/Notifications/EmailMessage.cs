namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>One email; IdempotencyKey is the notification id (sent as the Message-ID).</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string IdempotencyKey);
