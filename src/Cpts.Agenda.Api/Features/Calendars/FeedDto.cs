namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>A feed as listed: what it shows, never its URL (only the token's hash is kept).</summary>
public sealed record FeedDto(Guid Id, string Scope, Guid ScopeId, string ScopeName, string CreatedBy, DateTimeOffset CreatedAt);
