namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>The answer of a Slot search: the matching rows and what to include, written by <see cref="SlotSearchsetWriter"/>.</summary>
public sealed record SlotSearchset(IReadOnlyList<SasSlotRow> Rows, IReadOnlySet<string> Includes, string SelfUrl, DateTimeOffset Now);
