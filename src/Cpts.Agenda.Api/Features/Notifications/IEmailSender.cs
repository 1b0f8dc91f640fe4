using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cpts.Agenda.Api.Features.Notifications;

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
