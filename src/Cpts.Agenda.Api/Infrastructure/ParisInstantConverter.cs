namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Every instant the API writes is in Paris offset (2026-03-29T08:30:00+02:00); any offset is read, within <see cref="Dates"/>' range.</summary>
public sealed class ParisInstantConverter() : TextJsonConverter<DateTimeOffset>(Dates.ParseInstant, Dates.InstantText, Paris.Format);
