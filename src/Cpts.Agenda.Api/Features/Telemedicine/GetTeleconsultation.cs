using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// One teleconsultation with its patient, for its nurse, its doctor, its booker and the coordinator;
/// anyone else is refused (403).
/// Side effects: audit teleconsultation.read (also when refused); triggers: none.
/// </summary>
public static class GetTeleconsultation
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<TeleconsultationDto>>, IAudited<TeleconsultationDto>
    {
        public AuditAs Audited => new("teleconsultation.read", "teleconsultation");
        public string? AuditedObject(TeleconsultationDto? done) => Id.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<TeleconsultationDto>>
    {
        public async ValueTask<Result<TeleconsultationDto>> Handle(Query query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var loaded = await AppointmentEnd.LoadAsync<TeleconsultationRow>(c, query.Id, query.Caller,
                "A teleconsultation is shown only to its nurse, its doctor, its booker and the coordinator.", ct);
            if (loaded.Value is not { } row) return loaded.Error!;
            return row.ToDto(await TeleconsultationRow.NamesAsync(c, [row], ct));
        }
    }
}
