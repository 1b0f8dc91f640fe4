using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The feed's creator, the practitioner it shows, or the coordinator revokes it: its URL answers 404 at once.
/// Side effects: audit feed.revoke, calendar_feeds.revoked_at set; triggers: none.
/// </summary>
public static class RevokeFeed
{
    public sealed record Command(Caller Caller, Guid FeedId) : IRequest<Result<Done>>, IAudited<Done>
    {
        public AuditAs Audited => new("feed.revoke", "feed", StatusCodes.Status204NoContent);
        public string? AuditedObject(Done? done) => FeedId.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<Done>>
    {
        public async ValueTask<Result<Done>> Handle(Command command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var feed = await c.QuerySingleOrDefaultAsync<FeedOwner>(new CommandDefinition(
                "SELECT scope, scope_id, created_by FROM calendar_feeds WHERE id = @FeedId AND revoked_at IS NULL",
                new { command.FeedId }, cancellationToken: ct));
            if (feed is null) return Error.NotFound($"Feed {command.FeedId}");
            var caller = command.Caller;
            var owns = caller.IsCoordinator || feed.CreatedBy == caller.Subject ||
                       (feed.Scope == FeedScopes.Practitioner && FeedScopes.IsPerson(caller) && caller.Owns(feed.ScopeId));
            if (!owns) return Error.Forbidden("Only the feed's owner or the coordinator may revoke it.");

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE calendar_feeds SET revoked_at = @Now WHERE id = @FeedId AND revoked_at IS NULL",
                new { command.FeedId, Now = clock.GetUtcNow() }, cancellationToken: ct));
            return Done.Value;
        }
    }

    private sealed class FeedOwner
    {
        public string Scope { get; init; } = "";
        public Guid ScopeId { get; init; }
        public string CreatedBy { get; init; } = "";
    }
}
