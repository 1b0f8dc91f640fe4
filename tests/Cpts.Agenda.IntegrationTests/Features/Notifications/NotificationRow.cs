namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

public sealed record NotificationRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string SubjectKind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public string Recipient { get; init; } = "";
    public string Channel { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset NotBefore { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? Body { get; init; }
    public string? LastError { get; init; }
}
