namespace Cpts.Agenda.Api.Features.Members;

/// <summary>The routes of the members of the CPTS: method, path, handler, roles, summary.</summary>
public static class MembersEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members").WithTags("Members").RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        members.MapGet("/", async (string? search, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ManageMembers.List(search, limit, cursor), ct)).ToOk())
            .WithSummary("Who may sign in to the pages and as what, by name; search matches a name or an exact e-mail.");

        members.MapPost("/", async (ManageMembers.Body body, IMediator m, CancellationToken ct) =>
                (await m.Send(new ManageMembers.Add(body), ct)).ToCreated(r => $"/api/members/{r.Id}"))
            .WithSummary("Adds a member: found at sign-in by practitionerId (RPPS), nationalId or email; 409 if one of them is already a member's.");

        members.MapPut("/{id:guid}/role", async (Guid id, ManageMembers.RoleBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new ManageMembers.SetRole(id, body), ct)).ToOk())
            .WithSummary("Gives, changes or (null) takes back a member's role.");

        return app;
    }
}
