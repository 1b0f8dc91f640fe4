namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>The full connection string (with its password), for the few tools that open their own connections.</summary>
public sealed record AgendaConnectionString(string Value);
