using System.Security.Claims;

namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>
/// The members of this CPTS as sign-in looks them up: maps the identities providers vouch for to members.
/// The role always comes from the agenda's <c>members</c> table, never from the identity provider: a valid
/// e-CPS alone opens nothing here.
/// </summary>
public sealed class SignInMembers(NpgsqlDataSource db)
{
    /// <summary>Pro Santé Connect's national identifier claim: "8" + RPPS for an RPPS holder.</summary>
    public const string NationalIdClaim = "SubjectNameID";

    private const string Columns = "m.id, m.display_name, m.role, m.practitioner_id";

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string ByNationalIdSql = $"""
        SELECT {Columns} FROM members m LEFT JOIN practitioners p ON p.id = m.practitioner_id
        WHERE m.national_id = @NationalId OR (@Rpps::text IS NOT NULL AND p.rpps = @Rpps)
        ORDER BY (m.national_id = @NationalId) DESC NULLS LAST LIMIT 1
        """;

    private const string ByEmailSql = $"SELECT {Columns} FROM members m WHERE lower(m.email) = lower(@Email)";

    private const string ByIdSql = $"SELECT {Columns} FROM members m WHERE m.id = @Id";

    private const string WithRoleSql = $"SELECT {Columns} FROM members m WHERE m.role IS NOT NULL ORDER BY m.display_name";

    /// <summary>By the PSC national identifier: the member row that names it, else the member who is the practitioner of that RPPS.</summary>
    public async Task<Member?> ByNationalIdAsync(string nationalId, CancellationToken ct = default)
    {
        var rpps = nationalId.Length == 12 && nationalId[0] == '8' ? nationalId[1..] : null;
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Member>(new CommandDefinition(ByNationalIdSql, new { NationalId = nationalId, Rpps = rpps }, cancellationToken: ct));
    }

    /// <summary>By the staff provider's e-mail, compared without case.</summary>
    public async Task<Member?> ByEmailAsync(string email, CancellationToken ct = default)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Member>(new CommandDefinition(
            ByEmailSql, new { Email = email.Trim() }, cancellationToken: ct));
    }

    public async Task<Member?> ByIdAsync(Guid id, CancellationToken ct = default)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Member>(new CommandDefinition(
            ByIdSql, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The members with a role, by name: the demo people of the Development sign-in page.</summary>
    public async Task<IReadOnlyList<Member>> WithRoleAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Member>(new CommandDefinition(
            WithRoleSql, cancellationToken: ct))).ToList();
    }

    /// <summary>The identity a provider vouched for, mapped: by national id (PSC) or by e-mail (staff).</summary>
    public async Task<(Resolution Resolution, Member? Member)> ResolveAsync(ClaimsPrincipal external, string provider, CancellationToken ct = default)
    {
        Member? member = null;
        if (provider == SignInModule.ProSanteConnect)
        {
            if (external.FindFirstValue(NationalIdClaim) is { Length: > 0 } nationalId) member = await ByNationalIdAsync(nationalId, ct);
        }
        else if (external.FindFirstValue("email") is { Length: > 0 } email && external.FindFirstValue("email_verified") != "false")
        {
            member = await ByEmailAsync(email, ct);
        }
        return member switch
        {
            null => (Resolution.Unknown, null),
            { Role: null } => (Resolution.NoRole, member),
            _ => (Resolution.SignedIn, member),
        };
    }

    public static ClaimsPrincipal PrincipalOf(Member member, string provider) =>
        PageSession.Principal(member.Id, member.DisplayName, member.Role!, member.PractitionerId, provider);
}
