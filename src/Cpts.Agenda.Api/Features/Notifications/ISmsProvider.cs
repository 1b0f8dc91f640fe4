using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cpts.Agenda.Api.Features.Notifications;

public interface ISmsProvider
{
    Task SendAsync(SmsMessage message, CancellationToken ct);
}
