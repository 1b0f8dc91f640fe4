using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The wiring of the MMG on-call shifts: AddShifts registers its services and options, MapShifts its routes (listed in
/// ShiftsEndpoints). Its Mediator handlers are registered by the source generator.
/// </summary>
public static class ShiftsModule
{
    /// <summary>Shift templates from Agenda:Shifts (plus the built-in ones), checked at start-up.</summary>
    public static WebApplicationBuilder AddShifts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShiftOptions>()
            .Bind(builder.Configuration.GetSection("Agenda:Shifts"))
            .PostConfigure(o => o.AddBuiltIns())
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ShiftOptions>, ShiftTemplates.Validator>();
        builder.Services.AddSingleton<ShiftTemplates>();
        return builder;
    }

    public static IEndpointRouteBuilder MapShifts(this IEndpointRouteBuilder app) => ShiftsEndpoints.Map(app);
}
