using System.Globalization;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>The roster: shifts starting in [from, to), soonest first, filtered by site, status, profession, assignee.</summary>
public static class ListShifts
{
    public static readonly string[] Statuses = ["open", "assigned"];

    public sealed record Query(Guid? SiteId, string? From, string? To, string? Status, string? Profession, Guid? AssigneeId, int? Limit, string? Cursor)
        : IRequest<Result<Page<ShiftDto>>>;

    public sealed record One(Guid Id) : IRequest<Result<ShiftDto>>;

    /// <summary>
    /// A bound of a shift window: a Paris local date (yyyy-MM-dd; as "to" it includes that day) or an
    /// ISO 8601 instant (without offset: Paris local time).
    /// </summary>
    public static DateTimeOffset? Bound(string? text, bool isEnd)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return GenerateShifts.IsPlausible(date) ? (isEnd ? Paris.Day(date).End : Paris.Day(date).Start) : null;
        // Years far outside the calendar's use would overflow the Paris conversion.
        if (text.Length < 4 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            year < GenerateShifts.MinYear || year > GenerateShifts.MaxYear) return null;
        return ParisInstantConverter.ParseInstant(text);
    }

    /// <summary>Parses and checks from/to; from defaults to the start of today (Paris).</summary>
    public static (DateTimeOffset From, DateTimeOffset? To) Window(Validation v, string? from, string? to, DateTimeOffset now)
    {
        var start = from is null ? Paris.Day(Paris.LocalDate(now)).Start : Bound(from, isEnd: false);
        var end = Bound(to, isEnd: true);
        v.Check(start is not null, "from", "from must be a date (yyyy-MM-dd) or an ISO 8601 instant.");
        v.Check(to is null || end is not null, "to", "to must be a date (yyyy-MM-dd) or an ISO 8601 instant.");
        v.Check(start is null || end is null || end > start, "to", "to must be after from.");
        return (start ?? now, end);
    }

    private const string Sql = $"""
        SELECT {ShiftRow.Columns} FROM shifts
        WHERE starts_at >= @From AND (@To::timestamptz IS NULL OR starts_at < @To)
          AND (@SiteId::uuid IS NULL OR site_id = @SiteId)
          AND (@Profession::text IS NULL OR profession = @Profession)
          AND (@Status::text IS NULL OR (assignee_id IS NULL) = (@Status = 'open'))
          AND (@AssigneeId::uuid IS NULL OR assignee_id = @AssigneeId)
          AND (NOT @HasAfter OR (starts_at, id) > (@AfterStart, @AfterId))
        ORDER BY starts_at, id
        LIMIT @Take
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) :
        IRequestHandler<Query, Result<Page<ShiftDto>>>,
        IRequestHandler<One, Result<ShiftDto>>
    {
        public async ValueTask<Result<Page<ShiftDto>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var (from, to) = Window(v, q.From, q.To, clock.GetUtcNow());
            if (q.Status is not null) v.OneOf(q.Status, "status", Statuses);
            if (q.Profession is not null) v.OneOf(q.Profession, "profession", Professions.All);
            v.CheckLimit(q.Limit);
            var after = ParseCursor(q.Cursor);
            v.Check(q.Cursor is null || after is not null, "cursor", "cursor is not one this service gave.");
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<ShiftRow>(new CommandDefinition(Sql, new
            {
                From = from, To = to, q.SiteId, q.Profession, q.Status, q.AssigneeId,
                HasAfter = after is not null, AfterStart = after?.Start ?? DateTimeOffset.UnixEpoch, AfterId = after?.Id ?? Guid.Empty,
                Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            var page = Paging.ToPage(rows, limit, r => string.Create(CultureInfo.InvariantCulture, $"{r.StartsAt.UtcTicks}|{r.Id}"));
            var names = await ShiftRow.NamesAsync(c, page.Items.ToList(), ct);
            return new Page<ShiftDto>(page.Items.Select(r => r.ToDto(names)).ToList(), page.Next);
        }

        public async ValueTask<Result<ShiftDto>> Handle(One q, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await ShiftRow.LoadAsync(c, q.Id, ct);
            return row is null ? Error.NotFound($"Shift {q.Id}") : row.ToDto(await ShiftRow.NamesAsync(c, [row], ct));
        }

        /// <summary>A (shift start, id) keyset cursor, as lists of shifts give them.</summary>
        internal static (DateTimeOffset Start, Guid Id)? ParseCursor(string? cursor)
        {
            var parts = Paging.Decode(cursor)?.Split('|');
            if (parts is not { Length: 2 }) return null;
            return long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and < 3155378975999999999 &&
                   Guid.TryParse(parts[1], out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id) : null;
        }
    }
}
