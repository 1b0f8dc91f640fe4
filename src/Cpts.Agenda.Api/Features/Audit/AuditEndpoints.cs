namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>The routes of the audit trail: method, path, handler, roles, summary.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? from, string? to, string? objectId, string? actor, string? action, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ReadAudit.Query(from, to, objectId, actor, limit, cursor, action), ct)).ToOk())
            .WithTags("Audit")
            .WithSummary("Audit events, newest first, by period, object, actor or action (an action or its prefix: booking, booking.cancel).")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator));
        return app;
    }
}
