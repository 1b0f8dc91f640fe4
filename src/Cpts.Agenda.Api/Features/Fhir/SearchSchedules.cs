using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Schedule <c>search-type</c> by <c>actor</c> (SAS-GestionnaireAgenda-CPTS), for the SAS platform's
/// authenticated client (role sas): reads <c>actor=Practitioner/&lt;id&gt;</c> (or the bare id) and answers
/// the practitioner's schedules that have a free SAS-visible slot not ended, as a searchset Bundle; a missing
/// or other actor is a 400 OperationOutcome.
/// Side effects: none; triggers: none.
/// </summary>
public static class SearchSchedules
{
    /// <summary>The raw <c>actor</c> parameter and the searchset's self link.</summary>
    public sealed record Query(string Actor, string SelfUrl) : IRequest<Result<Bundle>>;

    public static Query From(HttpRequest request, SasResources resources) =>
        new(request.Query["actor"].ToString(), FhirSearch.SelfUrl(request, resources));

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, SasResources resources) : IRequestHandler<Query, Result<Bundle>>
    {
        public async ValueTask<Result<Bundle>> Handle(Query query, CancellationToken ct)
        {
            var actor = query.Actor.Trim();
            if (actor.Length == 0) return Error.Invalid("actor", "actor is required: actor=Practitioner/<id>.");
            var tail = actor[(actor.LastIndexOf('/') + 1)..];
            var prefix = actor[..^tail.Length];
            if (!Guid.TryParse(tail, out var practitionerId) || !(prefix.Length == 0 || prefix.EndsWith("Practitioner/", StringComparison.Ordinal)))
                return Error.Invalid("actor", "actor must be Practitioner/<id>.");
            var rows = await SasOffer.PlacesAsync(db, practitionerId, clock.GetUtcNow(), ct);
            return FhirSearch.Searchset(query.SelfUrl, resources, rows.Select(r => (Resource)SasResources.Schedule(r)));
        }
    }
}
