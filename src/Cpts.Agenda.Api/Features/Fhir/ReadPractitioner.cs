using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Practitioner <c>read</c> (SAS-GestionnaireAgenda-CPTS), for the SAS platform's authenticated client (role
/// sas): an active practitioner of the directory as FrPractitionerAgregateur; any other id is a 404
/// OperationOutcome.
/// Side effects: none; triggers: none.
/// </summary>
public static class ReadPractitioner
{
    public sealed record Query(string Id) : IRequest<Result<Practitioner>>;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Practitioner>>
    {
        public async ValueTask<Result<Practitioner>> Handle(Query query, CancellationToken ct) =>
            Guid.TryParse(query.Id, out var id) && await SasOffer.PractitionerAsync(db, id, null, ct) is { } row
                ? SasResources.Practitioner(row)
                : FhirSearch.NotFound("Practitioner", query.Id, "unknown practitioner");
    }
}
