namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// Mediator pipeline step: after a use case that declares <see cref="IAudited{TValue}"/> has run (its
/// own transaction committed), writes the row it describes, unless the use case wrote it inside its
/// transaction (<see cref="AuditTrail.RecordInAsync{TValue}"/>). Every door goes through it: the API
/// routes, the pages, jobs and tests, so none records a use case twice or forgets it.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(AuditTrail trail) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IAuditedResult<TResponse> audited && !trail.Wrote(message) && audited.EntryFor(response) is { } entry)
            await trail.RecordAsync(entry);
        return response;
    }
}
