using System.Security.Claims;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Who is calling: the token's subject, role and, for practitioners and nurses, their directory id.</summary>
public sealed record Caller(string Subject, string Role, Guid? PractitionerId)
{
    public bool Is(string role) => Role == role;
    public bool IsCoordinator => Role == Roles.Coordinator;
    public bool Owns(Guid practitionerId) => PractitionerId == practitionerId;

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub") ?? "anonymous",
        user.FindFirstValue("role") ?? "",
        Guid.TryParse(user.FindFirstValue("practitioner_id"), out var id) ? id : null);
}
