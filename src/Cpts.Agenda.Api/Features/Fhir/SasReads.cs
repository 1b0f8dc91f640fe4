using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The reads the guide's CapabilityStatement SAS-GestionnaireAgenda-CPTS declares besides the slot search,
/// for the SAS platform only (role sas): Slot <c>read</c>, Schedule <c>read</c> and <c>search-type</c>
/// (<c>actor</c>), Practitioner <c>read</c> and <c>search-type</c> (<c>identifier</c>). They show what the
/// search shows and nothing more: a free SAS-visible slot that has not ended, the schedules (practitioner ×
/// place) that have one, and the practitioners of the directory as FrPractitionerAgregateur.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class SasReads
{
    /// <summary>A free SAS-visible slot that has not ended, or null.</summary>
    public sealed record SlotQuery(Guid Id) : IRequest<SasSlotRow?>;

    /// <summary>The schedules that have a free SAS-visible slot not ended, of one practitioner or all.</summary>
    public sealed record SchedulesQuery(Guid? PractitionerId) : IRequest<IReadOnlyList<SasSlotRow>>;

    /// <summary>A practitioner of the directory by id or by RPPS, or null.</summary>
    public sealed record PractitionerQuery(Guid? Id, string? Rpps) : IRequest<SasSlotRow?>;

    private const string Offered = "s.visibility = 'sas' AND s.status = 'free' AND s.ends_at > @Now";

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string OneOffered = $"{SasSlotRow.Select}WHERE s.id = @Id AND {Offered}";

    private const string Places = $"""
        SELECT DISTINCT s.practitioner_id, s.site_id FROM slots s
        WHERE {Offered} AND (@PractitionerId::uuid IS NULL OR s.practitioner_id = @PractitionerId)
        ORDER BY s.practitioner_id, s.site_id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) :
        IRequestHandler<SlotQuery, SasSlotRow?>, IRequestHandler<SchedulesQuery, IReadOnlyList<SasSlotRow>>, IRequestHandler<PractitionerQuery, SasSlotRow?>
    {
        public async ValueTask<SasSlotRow?> Handle(SlotQuery query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            return await c.QuerySingleOrDefaultAsync<SasSlotRow>(new CommandDefinition(
                OneOffered, new { query.Id, Now = clock.GetUtcNow() }, cancellationToken: ct));
        }

        public async ValueTask<IReadOnlyList<SasSlotRow>> Handle(SchedulesQuery query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            return (await c.QueryAsync<SasSlotRow>(new CommandDefinition(Places,
                new { query.PractitionerId, Now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
        }

        public async ValueTask<SasSlotRow?> Handle(PractitionerQuery query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            return await c.QuerySingleOrDefaultAsync<SasSlotRow>(new CommandDefinition("""
                SELECT id AS practitioner_id, rpps, first_name, last_name, phone FROM practitioners
                WHERE active AND ((@Id::uuid IS NOT NULL AND id = @Id) OR (@Rpps::text IS NOT NULL AND rpps = @Rpps))
                """, new { query.Id, query.Rpps }, cancellationToken: ct));
        }
    }

    public static IEndpointRouteBuilder MapSasReads(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Slot/{id}", async (string id, SasResources resources, IMediator m, CancellationToken ct) =>
                Guid.TryParse(id, out var slotId) && await m.Send(new SlotQuery(slotId), ct) is { } row
                    ? SlotSearchsetWriter.SlotResult(row, resources)
                    : NotFound("Slot", id, "not a free SAS-visible slot (unknown, booked, withdrawn, ended or CPTS-only)"))
            .RequireAuthorization(SasAuthentication.Policy)
            .WithSummary("Slot read: a free SAS-visible slot, as the search writes it.");

        fhir.MapGet("/Schedule/{id}", async (string id, IMediator m, CancellationToken ct) =>
                (await m.Send(new SchedulesQuery(null), ct)).FirstOrDefault(r => SasResources.ScheduleId(r) == id) is { } row
                    ? FhirHttp.Json(SasResources.Schedule(row))
                    : NotFound("Schedule", id, "no schedule with a free SAS-visible slot has this id"))
            .RequireAuthorization(SasAuthentication.Policy)
            .WithSummary("Schedule read: a practitioner at a place with free SAS-visible slots.");

        fhir.MapGet("/Schedule", async (HttpContext context, SasResources resources, IMediator m, CancellationToken ct) =>
            {
                var actor = context.Request.Query["actor"].ToString().Trim();
                if (actor.Length == 0) return Invalid("actor is required: actor=Practitioner/<id>.");
                var tail = actor[(actor.LastIndexOf('/') + 1)..];
                var prefix = actor[..^tail.Length];
                if (!Guid.TryParse(tail, out var practitionerId) || !(prefix.Length == 0 || prefix.EndsWith("Practitioner/", StringComparison.Ordinal)))
                    return Invalid("actor must be Practitioner/<id>.");
                var rows = await m.Send(new SchedulesQuery(practitionerId), ct);
                return Searchset(context, resources, rows.Select(r => (Resource)SasResources.Schedule(r)));
            })
            .RequireAuthorization(SasAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.JsonType))
            .WithSummary("Schedule search by actor (Practitioner/<id>): the practitioner's schedules with free SAS-visible slots.");

        fhir.MapGet("/Practitioner/{id}", async (string id, IMediator m, CancellationToken ct) =>
                Guid.TryParse(id, out var practitionerId) && await m.Send(new PractitionerQuery(practitionerId, null), ct) is { } row
                    ? FhirHttp.Json(SasResources.Practitioner(row))
                    : NotFound("Practitioner", id, "unknown practitioner"))
            .RequireAuthorization(SasAuthentication.Policy)
            .WithSummary("Practitioner read (FrPractitionerAgregateur).");

        fhir.MapGet("/Practitioner", async (HttpContext context, SasResources resources, IMediator m, CancellationToken ct) =>
            {
                var token = context.Request.Query["identifier"].ToString().Trim();
                if (token.Length == 0) return Invalid($"identifier is required: identifier={SasResources.RppsSystem}|8<RPPS>.");
                var bar = token.IndexOf('|');
                if (bar >= 0 && token[..bar] is { Length: > 0 } system && system != SasResources.RppsSystem)
                    return Invalid($"identifier: only the system {SasResources.RppsSystem} is searched.");
                var value = token[(bar + 1)..];
                // "8" + RPPS is the national identifier; anything else (an ADELI…) matches no practitioner of the agenda.
                var row = value.Length == 12 && value[0] == '8' && value.All(char.IsAsciiDigit)
                    ? await m.Send(new PractitionerQuery(null, value[1..]), ct)
                    : null;
                return Searchset(context, resources, row is null ? [] : [SasResources.Practitioner(row)]);
            })
            .RequireAuthorization(SasAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(AgendaOpenApi.FhirAnswer(FhirHttp.JsonType))
            .WithSummary("Practitioner search by identifier (urn:oid:1.2.250.1.71.4.2.1|8<RPPS>).");

        return fhir;
    }

    private static IResult Searchset(HttpContext context, SasResources resources, IEnumerable<Resource> matches)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Searchset,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{resources.FhirBase}{context.Request.Path.Value?[("/fhir".Length)..]}{context.Request.QueryString}" }],
        };
        foreach (var resource in matches)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{resources.FhirBase}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        bundle.Total = bundle.Entry.Count;
        return FhirHttp.Json(bundle);
    }

    private static IResult NotFound(string type, string id, string why) =>
        FhirHttp.Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{Cut(id)}: {why}.");

    private static IResult Invalid(string diagnostics) =>
        FhirHttp.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, diagnostics);

    private static string Cut(string s) => s.Length > 64 ? s[..64] + "…" : s;
}
