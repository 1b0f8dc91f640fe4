using Dapper;

namespace Cpts.Agenda.IntegrationTests.Web;

public static class MemberRows
{
    /// <summary>A member of the CPTS (the sign-in's source of roles), written directly.</summary>
    public static async Task<Guid> NewMemberAsync(this AgendaApp app, string? role, string name = "Membre Test",
        Guid? practitionerId = null, string? nationalId = null, string? email = null)
    {
        var id = Guid.NewGuid();
        await using var c = await app.OpenAsync();
        await c.ExecuteAsync("""
            INSERT INTO members (id, display_name, role, practitioner_id, national_id, email, created_at)
            VALUES (@id, @name, @role, @practitionerId, @nationalId, @email, now())
            """, new { id, name, role, practitionerId, nationalId, email });
        return id;
    }
}
