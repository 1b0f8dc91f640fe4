namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// A use case whose outcome goes to the audit trail, whichever door sent it (an API route, a page, a
/// job, a test): done when it succeeded, refused when it answered 403; other failures (400, 404, 409,
/// 422) are not recorded. Declared on the request record:
/// <code>
/// public sealed record Command(…) : IRequest&lt;Result&lt;BookingDto&gt;&gt;, IAudited&lt;BookingDto&gt;
/// {
///     public AuditAs Audited =&gt; new("booking.create", "booking", StatusCodes.Status201Created);
///     public string? AuditedObject(BookingDto? done) =&gt; done?.Id.ToString();
/// }
/// </code>
/// </summary>
public interface IAudited<TValue> : IAuditedResult<Result<TValue>>
{
    /// <summary>The action, the object kind and the status a success answers.</summary>
    AuditAs Audited { get; }

    /// <summary>The object acted on: the request's own id, else what was created (null when the request was refused).</summary>
    string? AuditedObject(TValue? done);

    /// <summary>The status a success answers, when it depends on the answer (a calendar imported again: 200, not 201).</summary>
    int DoneStatus(TValue done) => Audited.DoneStatus;

    AuditEntry? IAuditedResult<Result<TValue>>.EntryFor(Result<TValue> response) => response.Error switch
    {
        null => new(Audited.Action, Audited.ObjectKind, AuditedObject(response.Value), DoneStatus(response.Value!), "done"),
        { Kind: ErrorKind.Forbidden } refused => new(Audited.Action, Audited.ObjectKind, AuditedObject(default), refused.Status, "refused"),
        _ => null,
    };
}
