namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The wiring of the directory of practitioners, sites and rooms: MapDirectory maps its routes (listed in DirectoryEndpoints). It has no services of its
/// own; its Mediator handlers are registered by the source generator.
/// </summary>
public static class DirectoryModule
{
    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app) => DirectoryEndpoints.Map(app);
}
