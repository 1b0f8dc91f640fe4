using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A secret subscription URL for a practitioner (their own, or any for the coordinator), a room or a
/// site (coordinator). The token is returned once; only its hash is kept. Several feeds per scope
/// (one per device), each revoked on its own.
/// Side effects: audit feed.create, one calendar_feeds row; triggers: none.
/// </summary>
public static class CreateFeed
{
    public sealed record Body([property: Required] [property: ValuesFrom(typeof(FeedScopes), nameof(FeedScopes.All))] string? Scope, [property: Required] Guid? Id);

    public sealed record Command(Caller Caller, Body Body, string BaseUrl) : IRequest<Result<FeedCreated>>, IAudited<FeedCreated>
    {
        public AuditAs Audited => new("feed.create", "feed", StatusCodes.Status201Created);
        public string? AuditedObject(FeedCreated? done) => done?.Id.ToString();
    }

    /// <summary>Where feed URLs point: Agenda:Calendars:PublicBaseUrl, else the service's public URL (the API and the pages alike).</summary>
    public static string BaseUrl(HttpContext http)
    {
        var services = http.RequestServices;
        return services.GetRequiredService<IOptions<CalendarOptions>>().Value.PublicBaseUrl
            ?? services.GetRequiredService<IOptions<PublicUrlOptions>>().Value.ForRequest(http.Request, services.GetRequiredService<IHostEnvironment>());
    }

    public sealed record FeedCreated(Guid Id, [property: ValuesFrom(typeof(FeedScopes), nameof(FeedScopes.All))] string Scope, Guid ScopeId, string Url);

    private const string Exists = """
        SELECT CASE @Scope
            WHEN 'practitioner' THEN EXISTS (SELECT 1 FROM practitioners WHERE id = @ScopeId)
            WHEN 'room' THEN EXISTS (SELECT 1 FROM rooms WHERE id = @ScopeId)
            ELSE EXISTS (SELECT 1 FROM sites WHERE id = @ScopeId) END
        """;

    private const string Insert = """
        INSERT INTO calendar_feeds (id, token_hash, scope, scope_id, created_by, created_at)
        VALUES (@Id, @TokenHash, @Scope, @ScopeId, @CreatedBy, @Now)
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<FeedCreated>>
    {
        public async ValueTask<Result<FeedCreated>> Handle(Command command, CancellationToken ct)
        {
            var body = command.Body;
            var v = new Validation().OneOf(body.Scope, "scope", FeedScopes.All);
            v.Check(body.Id is not null, "id", "id is required.");
            if (v.Failed) return v.ToError();
            var scope = body.Scope!;
            var scopeId = body.Id!.Value;

            var caller = command.Caller;
            if (!caller.IsCoordinator && !(scope == FeedScopes.Practitioner && FeedScopes.IsPerson(caller) && caller.Owns(scopeId)))
                return Error.Forbidden("A practitioner or a nurse subscribes to their own agenda only; room and site feeds are the coordinator's.");

            await using var c = await db.OpenConnectionAsync(ct);
            if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { Scope = scope, ScopeId = scopeId }, cancellationToken: ct)))
                return Error.NotFound($"The {scope} {scopeId}");

            var id = Guid.CreateVersion7();
            var token = FeedTokens.New();
            await c.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, TokenHash = FeedTokens.Hash(token), Scope = scope, ScopeId = scopeId, CreatedBy = caller.Subject, Now = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return new FeedCreated(id, scope, scopeId, $"{command.BaseUrl.TrimEnd('/')}/ical/{token}.ics");
        }
    }
}
