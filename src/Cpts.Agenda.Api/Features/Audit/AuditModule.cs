namespace Cpts.Agenda.Api.Features.Audit;

/// <summary>
/// The wiring of the audit trail: AddAudit registers its services and options, MapAudit its routes (listed in
/// AuditEndpoints). Its Mediator handlers are registered by the source generator.
/// </summary>
public static class AuditModule
{
    /// <summary>The audit trail the audit pipeline step writes through (it reads the request's caller and address).</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app) => AuditEndpoints.Map(app);
}
