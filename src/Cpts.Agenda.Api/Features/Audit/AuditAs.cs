namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// How a use case appears in the audit trail: its action (<c>booking.create</c>), the kind of object it
/// acts on (<c>booking</c>) and the HTTP status its success answers (201 for a create, 204 for a removal).
/// </summary>
public sealed record AuditAs(string Action, string ObjectKind, int DoneStatus = StatusCodes.Status200OK);
