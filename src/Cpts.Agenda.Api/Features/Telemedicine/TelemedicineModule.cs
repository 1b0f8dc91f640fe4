namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The wiring of the telemedicine cabinets: MapTelemedicine maps its routes (listed in TelemedicineEndpoints). It has no services of its
/// own; its Mediator handlers are registered by the source generator.
/// </summary>
public static class TelemedicineModule
{
    public static IEndpointRouteBuilder MapTelemedicine(this IEndpointRouteBuilder app) => TelemedicineEndpoints.Map(app);
}
