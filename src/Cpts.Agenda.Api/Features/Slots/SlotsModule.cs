namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// The wiring of the SNP slots: AddSlots registers its services and options, MapSlots its routes (listed in
/// SlotsEndpoints). Its Mediator handlers are registered by the source generator.
/// </summary>
public static class SlotsModule
{
    /// <summary>Section Agenda: the publication horizon, read by slots, bookings and busy calendars.</summary>
    public static WebApplicationBuilder AddSlots(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AgendaOptions>(builder.Configuration.GetSection("Agenda"));
        return builder;
    }

    public static IEndpointRouteBuilder MapSlots(this IEndpointRouteBuilder app) => SlotsEndpoints.Map(app);
}
