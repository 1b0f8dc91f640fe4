using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>One email; IdempotencyKey is the notification id (sent as the Message-ID).</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string IdempotencyKey);
