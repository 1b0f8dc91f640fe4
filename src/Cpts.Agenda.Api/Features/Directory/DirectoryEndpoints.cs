using Microsoft.AspNetCore.Mvc;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>The routes of the directory: practitioners, sites, rooms: method, path, handler, roles, summary.</summary>
public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api").WithTags("Directory").RequireAuthorization();
        var write = app.MapGroup("/api").WithTags("Directory").RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        write.MapPost("/practitioners", async (CreatePractitioner.Body body, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreatePractitioner.Command(body), ct)).ToCreated(p => $"/api/practitioners/{p.Id}"))
            .WithSummary("Adds a practitioner to the directory.");

        read.MapGet("/practitioners", async ([ValuesFrom(typeof(Professions), nameof(Professions.All))] string? profession, string? postalCode, bool? acceptsNewPatients, bool? includeInactive, string? search,
                int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetPractitioners.List(profession, postalCode, acceptsNewPatients, limit, cursor, includeInactive ?? false, search), ct)).ToOk())
            .WithSummary("Active practitioners by name; includeInactive=true adds those who left; search matches a name or an RPPS.");

        read.MapGet("/practitioners/available", async (string? from, string? to, string? profession, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new AvailablePractitioners.Query(from, to, profession, limit, cursor), ct)).ToOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Nurse, Roles.Coordinator, Roles.Regulator))
            .WithSummary("Practitioners free for the whole of [from, to): no slot, shift, teleconsultation or busy time then. Without profession: doctors, GPs first.");

        write.MapPut("/practitioners/{id:guid}/contact", async (Guid id, EditPractitioner.ContactBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new EditPractitioner.UpdateContact(id, body), ct)).ToOk())
            .WithSummary("Replaces a practitioner's contact details (absent or empty fields are cleared; acceptsNewPatients absent keeps its value).");

        write.MapPost("/practitioners/{id:guid}/deactivate", async (Guid id, IMediator m, CancellationToken ct) =>
                (await m.Send(new EditPractitioner.Deactivate(id), ct)).ToOk())
            .WithSummary("Someone who left: kept with their history, no longer listed, searched or bookable (free slots to come are withdrawn).");

        write.MapPost("/practitioners/{id:guid}/reactivate", async (Guid id, IMediator m, CancellationToken ct) =>
                (await m.Send(new EditPractitioner.Reactivate(id), ct)).ToOk())
            .WithSummary("Undoes a deactivation: the practitioner is listed, searched and bookable again (withdrawn slots stay withdrawn).");

        write.MapPost("/practitioners/import", async (HttpRequest request, IMediator m, CancellationToken ct) =>
                await ImportPractitioners.ReadAndRunAsync(request, m, ct))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportPractitioners.MaxFileBytes))
            .Accepts<ImportPractitioners.Form>("multipart/form-data")
            .Produces<ImportPractitioners.Report>()
            .WithSummary("Imports an Annuaire Santé PS_LibreAcces_Personne_activite extraction (multipart 'file'), restricted to postalCodes or communes (INSEE); dryRun previews.");

        read.MapGet("/practitioners/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            (await m.Send(new GetPractitioners.One(id), ct)).ToOk())
            .WithSummary("One practitioner.");

        write.MapPost("/sites", async (CreateSite.Body body, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreateSite.Command(body), ct)).ToCreated(s => $"/api/sites/{s.Id}"))
            .WithSummary("Adds a site (practice, MMG or telemedicine cabinet).");

        read.MapGet("/sites", async ([ValuesFrom(typeof(CreateSite), nameof(CreateSite.Kinds))] string? kind, IMediator m, CancellationToken ct) =>
            (await m.Send(new ListSites.Query(kind), ct)).ToOk())
            .WithSummary("Sites, by kind.");

        write.MapPost("/sites/{siteId:guid}/rooms", async (Guid siteId, CreateRoom.Body body, IMediator m, CancellationToken ct) =>
            (await m.Send(new CreateRoom.Command(siteId, body), ct)).ToCreated(r => $"/api/rooms/{r.Id}"))
            .WithSummary("Adds a telemedicine room to a site, with its opening hours.");

        read.MapGet("/sites/{siteId:guid}/rooms", async (Guid siteId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetRooms.OfSite(siteId), ct)).ToOk())
            .WithName("ListSiteRooms")
            .WithSummary("The rooms of a site with their opening hours, grid and minimum patient age.");

        read.MapGet("/rooms/{roomId:guid}", async (Guid roomId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetRooms.One(roomId), ct)).ToOk())
            .WithName("GetRoom")
            .WithSummary("A room with its opening hours, grid and minimum patient age.");

        return app;
    }
}
