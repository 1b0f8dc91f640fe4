namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// What <see cref="AuditBehaviour{TMessage, TResponse}"/> asks of a request: the audit row its answer
/// makes, or none. Use cases implement <see cref="IAudited{TValue}"/>, which answers this for them.
/// </summary>
public interface IAuditedResult<in TResponse>
{
    AuditEntry? EntryFor(TResponse response);
}
