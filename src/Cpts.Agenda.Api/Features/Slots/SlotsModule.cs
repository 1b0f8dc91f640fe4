namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// The wiring of the SNP slots: MapSlots maps its routes (listed in SlotsEndpoints). It registers no service of
/// its own (the publication horizon it reads is AgendaOptions, bound by the platform); its Mediator handlers are
/// registered by the source generator.
/// </summary>
public static class SlotsModule
{
    public static IEndpointRouteBuilder MapSlots(this IEndpointRouteBuilder app) => SlotsEndpoints.Map(app);
}
