namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>What an import changed.</summary>
public sealed record ImportSummary(int BusyTimes, IReadOnlyList<Guid> WithdrawnSlots, IReadOnlyList<Guid> ClashingBookedSlots);
