namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>One row of the audit trail as the use case describes it; who and from where is added by <see cref="AuditTrail"/>.</summary>
public sealed record AuditEntry(string Action, string ObjectKind, string? ObjectId, int Status, string Outcome);
