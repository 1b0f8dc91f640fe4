namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Slot <c>read</c> (SAS-GestionnaireAgenda-CPTS), for the SAS platform's authenticated client (role sas): a
/// free SAS-visible slot that has not ended, which the endpoint writes as the search does; any other id
/// (unknown, malformed, booked, withdrawn, ended or CPTS-only) is a 404 OperationOutcome.
/// Side effects: none; triggers: none.
/// </summary>
public static class ReadSlot
{
    public sealed record Query(string Id) : IRequest<Result<SasSlotRow>>;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<SasSlotRow>>
    {
        public async ValueTask<Result<SasSlotRow>> Handle(Query query, CancellationToken ct) =>
            Guid.TryParse(query.Id, out var id) && await SasOffer.SlotAsync(db, id, clock.GetUtcNow(), ct) is { } row
                ? row
                : FhirSearch.NotFound("Slot", query.Id, "not a free SAS-visible slot (unknown, booked, withdrawn, ended or CPTS-only)");
    }
}
