namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// The wiring of the SNP slots: AddSlots registers its services (none of its own: the publication horizon it
/// reads is AgendaOptions, bound by the platform), MapSlots its routes (listed in SlotsEndpoints). Its
/// Mediator handlers are registered by the source generator.
/// </summary>
public static class SlotsModule
{
    public static WebApplicationBuilder AddSlots(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static IEndpointRouteBuilder MapSlots(this IEndpointRouteBuilder app) => SlotsEndpoints.Map(app);
}
