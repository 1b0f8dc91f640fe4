using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// Schedule <c>read</c> (SAS-GestionnaireAgenda-CPTS), for the SAS platform's authenticated client (role sas):
/// the FrScheduleAgregateur of a practitioner at a place that has a free SAS-visible slot not ended; any other
/// id is a 404 OperationOutcome.
/// Side effects: none; triggers: none.
/// </summary>
public static class ReadSchedule
{
    public sealed record Query(string Id) : IRequest<Result<Schedule>>;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Schedule>>
    {
        // A schedule's id is a hash of its practitioner and place: it is found among the places offered.
        public async ValueTask<Result<Schedule>> Handle(Query query, CancellationToken ct) =>
            (await SasOffer.PlacesAsync(db, null, clock.GetUtcNow(), ct)).FirstOrDefault(r => SasResources.ScheduleId(r) == query.Id) is { } row
                ? SasResources.Schedule(row)
                : FhirSearch.NotFound("Schedule", query.Id, "no schedule with a free SAS-visible slot has this id");
    }
}
