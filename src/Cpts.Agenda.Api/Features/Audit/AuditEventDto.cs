namespace Cpts.Agenda.Api.Features.Audit;

public sealed record AuditEventDto
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string ActorRole { get; init; } = "";
    public string Action { get; init; } = "";
    public string ObjectKind { get; init; } = "";
    public string? ObjectId { get; init; }
    public string Outcome { get; init; } = "";
    public int StatusCode { get; init; }
    public string? Ip { get; init; }
}
