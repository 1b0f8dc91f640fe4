using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The SAS interface: FHIR R4 routes under /fhir, per the ANS "Service d'Accès aux Soins" guide: method, path,
/// handler, policy, summary. Each use case reads its own parameters; answers and errors are FHIR JSON.
/// </summary>
public static class FhirEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("SAS (FHIR)");

        fhir.MapGet("/metadata", (SasResources resources, TimeProvider clock, IOptions<SasOptions> sas) =>
                FhirHttp.Json(Capability.Build(resources, clock.GetUtcNow(), !string.IsNullOrWhiteSpace(sas.Value.ClientCa))))
            .AllowAnonymous()
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.JsonType))
            .WithSummary("CapabilityStatement of the SAS interface.");

        fhir.MapGet("/Slot", async (HttpRequest request, SasResources resources, IMediator m, CancellationToken ct) =>
                FhirHttp.Answer(await m.Send(SearchSlots.From(request, resources), ct), found => SlotSearchsetWriter.Result(found, resources)))
            .RequireAuthorization(SasAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status500InternalServerError) // an unexpected failure, answered as an OperationOutcome too
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.JsonType))
            .AddOpenApiOperationTransformer(AgendaOpenApi.Query(
                new AgendaOpenApi.QueryParameter("start", "ge<date or dateTime> and le<date or dateTime>: the period searched (both required).", Required: true, Repeated: true),
                new AgendaOpenApi.QueryParameter("status", "Only free slots are searched.", Required: true, Values: ["free"]),
                new(SearchSlots.IdentifierParameter, $"The practitioners, comma-separated {SasResources.RppsSystem}|8<RPPS> (at most {SearchSlots.MaxPractitioners}).", Required: true),
                new AgendaOpenApi.QueryParameter("_include", "Resources to include in the Bundle.", Repeated: true,
                    Values: [SearchSlots.IncludeSchedule, SearchSlots.IncludeActor, SearchSlots.IncludeServiceType, SearchSlots.IncludeOrganization]),
                new AgendaOpenApi.QueryParameter("_include:iterate", "Resources to include in the Bundle, iterated.", Repeated: true,
                    Values: [SearchSlots.IncludeSchedule, SearchSlots.IncludeActor, SearchSlots.IncludeServiceType, SearchSlots.IncludeOrganization])))
            .WithSummary("INT_R01 / INT_R04 slot search of the SAS platform: searchset Bundle of free SAS-visible slots.");

        fhir.MapGet("/Slot/{id}", async (string id, SasResources resources, IMediator m, CancellationToken ct) =>
                FhirHttp.Answer(await m.Send(new ReadSlot.Query(id), ct), row => SlotSearchsetWriter.SlotResult(row, resources)))
            .RequireAuthorization(SasAuthentication.Policy)
            .WithSummary("Slot read: a free SAS-visible slot, as the search writes it.");

        fhir.MapGet("/Schedule/{id}", async (string id, IMediator m, CancellationToken ct) =>
                FhirHttp.Answer(await m.Send(new ReadSchedule.Query(id), ct)))
            .RequireAuthorization(SasAuthentication.Policy)
            .WithSummary("Schedule read: a practitioner at a place with free SAS-visible slots.");

        fhir.MapGet("/Schedule", async (HttpRequest request, SasResources resources, IMediator m, CancellationToken ct) =>
                FhirHttp.Answer(await m.Send(SearchSchedules.From(request, resources), ct)))
            .RequireAuthorization(SasAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.JsonType))
            .WithSummary("Schedule search by actor (Practitioner/<id>): the practitioner's schedules with free SAS-visible slots.");

        fhir.MapGet("/Practitioner/{id}", async (string id, IMediator m, CancellationToken ct) =>
                FhirHttp.Answer(await m.Send(new ReadPractitioner.Query(id), ct)))
            .RequireAuthorization(SasAuthentication.Policy)
            .WithSummary("Practitioner read (FrPractitionerAgregateur).");

        fhir.MapGet("/Practitioner", async (HttpRequest request, SasResources resources, IMediator m, CancellationToken ct) =>
                FhirHttp.Answer(await m.Send(SearchPractitioners.From(request, resources), ct)))
            .RequireAuthorization(SasAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.JsonType))
            .WithSummary("Practitioner search by identifier (urn:oid:1.2.250.1.71.4.2.1|8<RPPS>).");

        fhir.MapGet("/$bulk-publish", async (HttpContext context, SasResources resources, IMediator m, CancellationToken ct) =>
                BulkPublish.Serve(context, await m.Send(BulkPublish.ManifestQuery.From(context.Request, resources), ct)))
            .AllowAnonymous()
            .Produces<BulkPublish.Manifest>(StatusCodes.Status200OK)
            .AddOpenApiOperationTransformer(AgendaOpenApi.Query(new AgendaOpenApi.QueryParameter("_since", "Only what changed since this instant (the manifest's transactionTime).", Format: "date-time")))
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("SMART Scheduling Links manifest of the SAS-visible availability.");

        fhir.MapGet("/bulk/{type}.ndjson", async (string type, HttpContext context, IMediator m, CancellationToken ct) =>
                BulkPublish.Serve(context, await m.Send(BulkPublish.FileQuery.From(type, context.Request), ct)))
            .AllowAnonymous()
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.NdjsonType))
            .AddOpenApiOperationTransformer(AgendaOpenApi.Query(new AgendaOpenApi.QueryParameter("_since", "Only what changed since this instant (the manifest's transactionTime).", Format: "date-time")))
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("NDJSON file of the bulk publication (Location, Schedule or Slot).");

        return app;
    }
}
