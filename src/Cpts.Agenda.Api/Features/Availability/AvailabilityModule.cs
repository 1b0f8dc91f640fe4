namespace Cpts.Agenda.Api.Features.Availability;

/// <summary>
/// The wiring of the regulator's search of free slots: MapAvailability maps its routes (listed in AvailabilityEndpoints). It has no services of its
/// own; its Mediator handlers are registered by the source generator.
/// </summary>
public static class AvailabilityModule
{
    public static IEndpointRouteBuilder MapAvailability(this IEndpointRouteBuilder app) => AvailabilityEndpoints.Map(app);
}
