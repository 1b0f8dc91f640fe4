namespace Cpts.Agenda.Api.Features.Notifications;

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
