using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Members;

/// <summary>
/// The coordinator decides who may sign in as what: lists the members, adds one (found later by the
/// practitioner they are, their Pro Santé Connect national identifier or their staff e-mail), and
/// gives, changes or takes back a role. A practitioner or nurse role needs the directory practitioner.
/// Side effects: audit member.create, member.role; writes members (the list: none); triggers: none.
/// </summary>
public static class ManageMembers
{
    public static readonly IReadOnlyList<string> Roles =
        [Infrastructure.Roles.Coordinator, Infrastructure.Roles.Practitioner, Infrastructure.Roles.Nurse, Infrastructure.Roles.Regulator, Infrastructure.Roles.Secretary];

    public sealed record List(string? Search, int? Limit, string? Cursor) : IRequest<Result<Page<MemberDto>>>;

    public sealed record Body(
        [property: Required] string? DisplayName, [property: ValuesFrom(typeof(ManageMembers), nameof(Roles))] string? Role,
        Guid? PractitionerId, string? NationalId, string? Email);

    public sealed record Add(Body Body) : IRequest<Result<MemberDto>>, IAudited<MemberDto>
    {
        public AuditAs Audited => new("member.create", "member", StatusCodes.Status201Created);
        public string? AuditedObject(MemberDto? done) => done?.Id.ToString();
    }

    /// <summary>role null takes the role back (the member is kept, and signing in says the role is still to be given).</summary>
    public sealed record RoleBody([property: ValuesFrom(typeof(ManageMembers), nameof(Roles))] string? Role);

    public sealed record SetRole(Guid Id, RoleBody Body) : IRequest<Result<MemberDto>>, IAudited<MemberDto>
    {
        public AuditAs Audited => new("member.role", "member");
        public string? AuditedObject(MemberDto? done) => Id.ToString();
    }

    private const string Select = """
        SELECT m.id, m.display_name, m.role, m.practitioner_id,
               CASE WHEN p.id IS NULL THEN NULL ELSE p.first_name || ' ' || p.last_name END AS practitioner_name,
               m.national_id, m.email, m.created_at
        FROM members m LEFT JOIN practitioners p ON p.id = m.practitioner_id
        """;

    private static Validation CheckRole(Validation v, string? role, Guid? practitionerId) => v
        .Check(role is null || Roles.Contains(role), "role", $"role must be one of: {string.Join(", ", Roles)} (or null: no role yet).")
        .Check(role is not (Infrastructure.Roles.Practitioner or Infrastructure.Roles.Nurse) || practitionerId is not null, "role",
            "A practitioner or nurse member must be a practitioner of the directory (practitionerId).");

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string PageSql = $"""
        {Select}
        WHERE (@Search::text IS NULL OR strpos(lower(m.display_name), lower(@Search)) > 0 OR lower(m.email) = lower(@Search))
          AND (@AfterName::text IS NULL OR (m.display_name, m.id) > (@AfterName, @AfterId))
        ORDER BY m.display_name, m.id
        LIMIT @Take
        """;

    private const string OneSql = $"{Select} WHERE m.id = @id";

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) :
        IRequestHandler<List, Result<Page<MemberDto>>>, IRequestHandler<Add, Result<MemberDto>>, IRequestHandler<SetRole, Result<MemberDto>>
    {
        public async ValueTask<Result<Page<MemberDto>>> Handle(List query, CancellationToken ct)
        {
            var v = new Validation();
            v.CheckLimit(query.Limit);
            v.Optional(query.Search, "search", 100);
            var after = Paging.Decode(query.Cursor)?.Split('|');
            v.Check(query.Cursor is null || (after is { Length: 2 } && Guid.TryParse(after[1], out _)), "cursor", "cursor is not one this service gave.");
            if (v.Failed) return v.ToError();
            var limit = Paging.Limit(query.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<MemberDto>(new CommandDefinition(PageSql, new
            {
                Search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(),
                AfterName = after?[0], AfterId = after is null ? Guid.Empty : Guid.Parse(after[1]), Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            return Paging.ToPage(rows, limit, m => $"{m.DisplayName}|{m.Id}");
        }

        public async ValueTask<Result<MemberDto>> Handle(Add command, CancellationToken ct)
        {
            var b = command.Body;
            var (nationalId, email) = (Blank(b.NationalId), Blank(b.Email));
            var v = new Validation().Required(b.DisplayName, "displayName", 100);
            CheckRole(v, b.Role, b.PractitionerId)
                .Optional(nationalId, "nationalId", 40)
                .Optional(email, "email", 200)
                .Check(email is null || email.Contains('@', StringComparison.Ordinal), "email", "email is not an e-mail address.")
                .Check(b.PractitionerId is not null || nationalId is not null || email is not null, "email",
                    "Say how the member signs in: practitionerId (Pro Santé Connect, by RPPS), nationalId or email (staff provider).");
            if (v.Failed) return v.ToError();

            await using var c = await db.OpenConnectionAsync(ct);
            if (b.PractitionerId is { } pid && !await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM practitioners WHERE id = @pid)", new { pid }, cancellationToken: ct)))
                return Error.Invalid("practitionerId", "practitionerId names no practitioner of the directory.");
            var id = Guid.CreateVersion7();
            try
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO members (id, display_name, role, practitioner_id, national_id, email, created_at)
                    VALUES (@id, @DisplayName, @Role, @PractitionerId, @nationalId, @email, @Now)
                    """, new { id, DisplayName = b.DisplayName!.Trim(), b.Role, b.PractitionerId, nationalId, email, Now = clock.GetUtcNow() },
                    cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                var what = e.ConstraintName switch
                {
                    "members_practitioner_key" => "This practitioner is already a member.",
                    "members_national_id_key" => "A member already has this national identifier.",
                    _ => "A member already has this e-mail.",
                };
                return Error.Conflict(what);
            }
            return await OneAsync(c, id, ct) is { } row ? row : Error.NotFound($"Member {id}");
        }

        public async ValueTask<Result<MemberDto>> Handle(SetRole command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var existing = await OneAsync(c, command.Id, ct);
            if (existing is null) return Error.NotFound($"Member {command.Id}");
            var v = CheckRole(new Validation(), command.Body.Role, existing.PractitionerId);
            if (v.Failed) return v.ToError();
            await c.ExecuteAsync(new CommandDefinition("UPDATE members SET role = @Role WHERE id = @Id",
                new { command.Id, command.Body.Role }, cancellationToken: ct));
            return existing with { Role = command.Body.Role };
        }

        private static Task<MemberDto?> OneAsync(NpgsqlConnection c, Guid id, CancellationToken ct) =>
            c.QuerySingleOrDefaultAsync<MemberDto>(new CommandDefinition(OneSql, new { id }, cancellationToken: ct));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
