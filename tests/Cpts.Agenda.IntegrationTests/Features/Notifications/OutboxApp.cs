namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>Development's default: delivery to the outbox only.</summary>
public sealed class OutboxApp : NotificationsApp
{
    protected override string? Delivery => null; // not set: Development delivers to the outbox
}
