namespace Cpts.Agenda.Api.Features.Shifts;

public sealed record GeneratedShifts(string Template, int Created, IReadOnlyList<ShiftDto> Shifts);
