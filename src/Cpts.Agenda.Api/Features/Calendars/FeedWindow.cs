namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>What a feed is asked for: its scope, the oldest end kept (now minus the cancelled retention), and now.</summary>
public sealed record FeedWindow(string Scope, Guid ScopeId, DateTimeOffset Since, DateTimeOffset Now);
