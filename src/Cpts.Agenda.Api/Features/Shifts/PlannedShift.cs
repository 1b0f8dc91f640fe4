namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>A shift a template gives for one local day: its Paris date, period name and true instants.</summary>
public sealed record PlannedShift(DateOnly Date, string Period, DateTimeOffset Start, DateTimeOffset End);
