namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>A channel that is not configured, or a provider that refused: the notification is retried, then failed.</summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException() : base("Delivery failed.") { }
    public DeliveryException(string message) : base(message) { }
    public DeliveryException(string message, Exception inner) : base(message, inner) { }
}
