using System.Globalization;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// Who is free for a whole period [from, to): active practitioners with no commitment then (an SNP
/// slot, free or booked; an MMG shift; a teleconsultation) and no busy time from their own calendar:
/// exactly what the database would refuse if they were booked for it. Without a profession, the
/// doctors a teleconsultation can use: GPs first, then the other doctors; then by name. For the nurse
/// booking a teleconsultation, the coordinator and the regulator.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class AvailablePractitioners
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public sealed record Query(string? From, string? To, string? Profession, int? Limit, string? Cursor)
        : IRequest<Result<Page<PractitionerDto>>>;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Sql = $"""
        SELECT {PractitionerDto.Columns} FROM (
            SELECT p.*, CASE p.profession WHEN 'generalist' THEN 0 ELSE 1 END AS rank
            FROM practitioners p
            WHERE p.active AND p.profession = ANY(@Professions)
              AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.holder_id = p.id AND c.during && tstzrange(@From, @To, '[)'))
              AND NOT EXISTS (SELECT 1 FROM busy_times b WHERE b.practitioner_id = p.id AND b.during && tstzrange(@From, @To, '[)'))
        ) p
        WHERE (NOT @HasAfter OR (rank, last_name, id) > (@AfterRank, @AfterName, @AfterId))
        ORDER BY rank, last_name, id
        LIMIT @Take
        """;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Page<PractitionerDto>>>
    {
        public async ValueTask<Result<Page<PractitionerDto>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation()
                .Check(q.From is not null, "from", $"from is required ({Dates.BoundText}).")
                .Check(q.To is not null, "to", $"to is required ({Dates.BoundText}).");
            var (from, to) = (v.Failed ? null : v.Period(q.From, q.To, default, _ => default, MaxWindow)) ?? default;
            if (q.Profession is not null) v.OneOf(q.Profession, "profession", Professions.All);
            v.CheckLimit(q.Limit);
            var after = ParseCursor(q.Cursor);
            v.Check(q.Cursor is null || after is not null, "cursor", "cursor is not one this service gave.");
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<PractitionerDto>(new CommandDefinition(Sql, new
            {
                From = from, To = to,
                Professions = q.Profession is null ? Professions.Doctors : [q.Profession],
                HasAfter = after is not null, AfterRank = after?.Rank ?? 0, AfterName = after?.Name ?? "", AfterId = after?.Id ?? Guid.Empty,
                Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            return Paging.ToPage(rows, limit, p => string.Create(CultureInfo.InvariantCulture,
                $"{(p.Profession == Professions.Generalist ? 0 : 1)}|{p.LastName}|{p.Id}"));
        }

        private static (int Rank, string Name, Guid Id)? ParseCursor(string? cursor)
        {
            var text = Paging.Decode(cursor);
            var (first, last) = (text?.IndexOf('|', StringComparison.Ordinal) ?? -1, text?.LastIndexOf('|') ?? -1);
            if (text is null || first < 0 || last <= first) return null;
            return int.TryParse(text[..first], CultureInfo.InvariantCulture, out var rank) && Guid.TryParse(text[(last + 1)..], out var id)
                ? (rank, text[(first + 1)..last], id) : null;
        }
    }
}
