using System.Security.Claims;

namespace Cpts.Agenda.Api.Features.Availability;

/// <summary>The routes of the regulator's search of free slots: method, path, handler, roles, summary.</summary>
public static class AvailabilityEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/availability", async (string? from, string? to, [ValuesFrom(typeof(Directory.Professions), nameof(Directory.Professions.All))] string? profession, [ValuesFrom(typeof(Slots.SlotRules), nameof(Slots.SlotRules.Modes))] string? mode, string? near,
                    double? radiusKm, string? postalCode, int? limit, string? cursor, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                (await m.Send(new SearchAvailability.Query(Caller.From(user), from, to, profession, mode, near, radiusKm, postalCode, limit, cursor), ct)).ToOk())
            .WithTags("Availability")
            .WithSummary("Free slots in a period, soonest first then nearest (the regulator sees SAS slots only).")
            .RequireRateLimiting(RateLimits.Search)
            .RequireAuthorization(p => p.RequireRole(Roles.Regulator, Roles.Nurse, Roles.Practitioner, Roles.Coordinator));
        return app;
    }
}
