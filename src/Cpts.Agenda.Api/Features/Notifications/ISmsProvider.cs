namespace Cpts.Agenda.Api.Features.Notifications;

public interface ISmsProvider
{
    Task SendAsync(SmsMessage message, CancellationToken ct);
}
