namespace Cpts.Agenda.Api.Features.Members;

/// <summary>
/// The wiring of the members of the CPTS: MapMembers maps its routes (listed in MembersEndpoints). It has no services of its
/// own; its Mediator handlers are registered by the source generator.
/// </summary>
public static class MembersModule
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app) => MembersEndpoints.Map(app);
}
