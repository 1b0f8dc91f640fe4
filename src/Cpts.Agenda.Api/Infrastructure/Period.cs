namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>[From, To) as instants.</summary>
public readonly record struct Period(DateTimeOffset From, DateTimeOffset To);
