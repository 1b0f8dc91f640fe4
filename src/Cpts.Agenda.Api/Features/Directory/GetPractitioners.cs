namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// One practitioner, or the directory by name (by profession, postal code, new patients, a name or an
/// RPPS; active ones only unless IncludeInactive, the coordinator's directory), for any signed-in caller.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class GetPractitioners
{
    private const string Columns = PractitionerDto.Columns;

    public sealed record One(Guid Id) : IRequest<Result<PractitionerDto>>;

    /// <summary>Active practitioners; with IncludeInactive also those who left (the coordinator's directory).</summary>
    public sealed record List(string? Profession, string? PostalCode, bool? AcceptsNewPatients, int? Limit, string? Cursor,
        bool IncludeInactive = false, string? Search = null)
        : IRequest<Result<Page<PractitionerDto>>>;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string OneSql = $"SELECT {Columns} FROM practitioners WHERE id = @Id";

    private const string PageSql = $"""
        SELECT {Columns} FROM practitioners
        WHERE (@Profession::text IS NULL OR profession = @Profession)
          AND (@PostalCode::text IS NULL OR postal_code = @PostalCode)
          AND (@AcceptsNewPatients::boolean IS NULL OR accepts_new_patients = @AcceptsNewPatients)
          AND (@IncludeInactive OR active)
          AND (@Search::text IS NULL OR last_name ILIKE @Search OR first_name ILIKE @Search OR rpps = @SearchExact)
          AND (@AfterName::text IS NULL OR (last_name, id) > (@AfterName, @AfterId))
        ORDER BY last_name, id
        LIMIT @Take
        """;

    public sealed class Handler(NpgsqlDataSource db) :
        IRequestHandler<One, Result<PractitionerDto>>,
        IRequestHandler<List, Result<Page<PractitionerDto>>>
    {
        public async ValueTask<Result<PractitionerDto>> Handle(One query, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var p = await c.QuerySingleOrDefaultAsync<PractitionerDto>(new CommandDefinition(
                OneSql, new { query.Id }, cancellationToken: ct));
            return p is null ? Error.NotFound($"Practitioner {query.Id}") : p;
        }

        public async ValueTask<Result<Page<PractitionerDto>>> Handle(List query, CancellationToken ct)
        {
            var v = new Validation();
            v.CheckLimit(query.Limit);
            if (query.Profession is not null) v.OneOf(query.Profession, "profession", Professions.All);
            var after = Paging.Decode(query.Cursor)?.Split('|');
            v.Optional(query.Search, "search", 100);
            v.Check(query.Cursor is null || (after is { Length: 2 } && Guid.TryParse(after[1], out _)), "cursor", "cursor is not one this service gave.");
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(query.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<PractitionerDto>(new CommandDefinition(PageSql, new
            {
                query.Profession, query.PostalCode, query.AcceptsNewPatients, query.IncludeInactive,
                Search = string.IsNullOrWhiteSpace(query.Search) ? null : $"%{EscapeLike(query.Search.Trim())}%", SearchExact = query.Search?.Trim(),
                AfterName = after?[0], AfterId = after is null ? Guid.Empty : Guid.Parse(after[1]), Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            return Paging.ToPage(rows, limit, p => $"{p.LastName}|{p.Id}");
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
