namespace Cpts.Agenda.Api.Features.Shifts;

public sealed record ShiftPeriod(string Name, TimeOnly Start, TimeOnly End)
{
    /// <summary>An end at or before the start ("24:00" is read as 00:00) is on the next day.</summary>
    public bool EndsNextDay => End <= Start;
}
