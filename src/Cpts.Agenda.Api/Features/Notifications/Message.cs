namespace Cpts.Agenda.Api.Features.Notifications;

public sealed record Message(string Subject, string Text);
