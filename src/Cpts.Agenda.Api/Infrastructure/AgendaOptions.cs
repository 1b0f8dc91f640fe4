namespace Cpts.Agenda.Api.Features.Slots;

public sealed class AgendaOptions
{
    public int PublicationHorizonDays { get; set; } = 30;
}
