namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// The wiring of the bookings of slots: MapBookings maps its routes (listed in BookingsEndpoints). It has no services of its
/// own; its Mediator handlers are registered by the source generator.
/// </summary>
public static class BookingsModule
{
    public static IEndpointRouteBuilder MapBookings(this IEndpointRouteBuilder app) => BookingsEndpoints.Map(app);
}
