using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Infrastructure;
using Mediator;

namespace Cpts.Agenda.Api.Features.Directory;

public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api").WithTags("Directory").RequireAuthorization();
        var write = app.MapGroup("/api").WithTags("Directory").RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        write.MapPost("/practitioners", async (CreatePractitioner.Body body, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreatePractitioner.Command(body), ct)).ToCreated(p => $"/api/practitioners/{p.Id}"))
            .Audited("practitioner.create", "practitioner");

        read.MapGet("/practitioners", async (string? profession, string? postalCode, bool? acceptsNewPatients, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetPractitioners.List(profession, postalCode, acceptsNewPatients, limit, cursor), ct)).ToOk());

        read.MapGet("/practitioners/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetPractitioners.One(id), ct)).ToOk());

        write.MapPost("/sites", async (CreateSite.Body body, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreateSite.Command(body), ct)).ToCreated(s => $"/api/sites/{s.Id}"))
            .Audited("site.create", "site");

        read.MapGet("/sites", async (string? kind, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreateSite.List(kind), ct)).ToOk());

        write.MapPost("/sites/{siteId:guid}/rooms", async (Guid siteId, CreateRoom.Body body, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreateRoom.Command(siteId, body), ct)).ToCreated(r => $"/api/rooms/{r.Id}"))
            .Audited("room.create", "room");

        return app;
    }
}
