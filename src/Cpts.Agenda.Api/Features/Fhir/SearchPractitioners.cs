using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Practitioner <c>search-type</c> by <c>identifier</c> (SAS-GestionnaireAgenda-CPTS), for the SAS platform's
/// authenticated client (role sas): reads <c>identifier=urn:oid:1.2.250.1.71.4.2.1|8&lt;RPPS&gt;</c> and
/// answers the active practitioner of the directory with that RPPS, as a searchset Bundle; another value (an
/// ADELI…) matches none, a missing identifier or another system is a 400 OperationOutcome.
/// Side effects: none; triggers: none.
/// </summary>
public static class SearchPractitioners
{
    /// <summary>The raw <c>identifier</c> parameter and the searchset's self link.</summary>
    public sealed record Query(string Identifier, string SelfUrl) : IRequest<Result<Bundle>>;

    public static Query From(HttpRequest request, SasResources resources) =>
        new(request.Query["identifier"].ToString(), FhirSearch.SelfUrl(request, resources));

    public sealed class Handler(NpgsqlDataSource db, SasResources resources) : IRequestHandler<Query, Result<Bundle>>
    {
        public async ValueTask<Result<Bundle>> Handle(Query query, CancellationToken ct)
        {
            var token = query.Identifier.Trim();
            if (token.Length == 0) return Error.Invalid("identifier", $"identifier is required: identifier={SasResources.RppsSystem}|8<RPPS>.");
            var (otherSystem, value) = FhirSearch.IdentifierToken(token);
            if (otherSystem is not null) return Error.Invalid("identifier", $"identifier: only the system {SasResources.RppsSystem} is searched.");
            var row = FhirSearch.Rpps(value) is { } rpps ? await SasOffer.PractitionerAsync(db, null, rpps, ct) : null;
            return FhirSearch.Searchset(query.SelfUrl, resources, row is null ? [] : [SasResources.Practitioner(row)]);
        }
    }
}
