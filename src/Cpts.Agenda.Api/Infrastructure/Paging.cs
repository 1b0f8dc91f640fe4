using System.Globalization;
using System.Text;

namespace Cpts.Agenda.Api.Infrastructure;

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void CheckLimit(this Validation v, int? limit) =>
        v.Check(limit is null or (>= 1 and <= MaxLimit), "limit", $"limit must be between 1 and {MaxLimit}.");

    public static int Limit(int? limit) => limit ?? DefaultLimit;

    /// <summary>Cuts the one extra row a query fetched (limit + 1) and makes the cursor from the last row kept.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf) =>
        rows.Count > limit
            ? new Page<T>(rows.Take(limit).ToList(), Encode(cursorOf(rows[limit - 1])))
            : new Page<T>(rows, null);

    /// <summary>
    /// Reads a keyset cursor made from "{instant:O}|{id}" (the instant in UTC, null without a cursor); a cursor this
    /// service did not give is a field error.
    /// </summary>
    public static (DateTimeOffset? At, Guid Id) CheckInstantCursor(this Validation v, string? cursor)
    {
        var parts = Decode(cursor)?.Split('|');
        DateTimeOffset at = default;
        var id = Guid.Empty;
        var valid = cursor is null || (parts is { Length: 2 }
            && DateTimeOffset.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at)
            && Guid.TryParse(parts[1], out id));
        v.Check(valid, "cursor", "cursor is not one this service gave.");
        return (cursor is null || !valid ? null : at.ToUniversalTime(), id);
    }

    /// <summary>The raw cursor of lists ordered by an instant, then an id: "{utc ticks}|{id}".</summary>
    public static string TicksCursor(DateTimeOffset at, Guid id) => string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}|{id}");

    /// <summary>A <see cref="TicksCursor"/> read back, or null when it is not one.</summary>
    public static (DateTimeOffset Start, Guid Id)? ParseTicksCursor(string? cursor)
    {
        var parts = Decode(cursor)?.Split('|');
        if (parts is not { Length: 2 }) return null;
        return long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and < 3155378975999999999 &&
               Guid.TryParse(parts[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id) : null;
    }

    /// <summary>
    /// The limit checked and the <see cref="TicksCursor"/> read (null without one): a cursor this service did
    /// not give is a field error.
    /// </summary>
    public static (DateTimeOffset Start, Guid Id)? CheckPage(this Validation v, int? limit, string? cursor)
    {
        v.CheckLimit(limit);
        var after = ParseTicksCursor(cursor);
        v.Check(cursor is null || after is not null, "cursor", "cursor is not one this service gave.");
        return after;
    }

    /// <summary>
    /// The parameters of a list ordered by an instant, then an id: the filters, then @HasAfter, @AfterStart and
    /// @AfterId (the rows after the cursor's, when there is one) and @Take (one more than the limit, to tell
    /// whether a next page exists). Parameters the SQL does not name are not sent, as with a plain object.
    /// </summary>
    public static DynamicParameters WithTicksKeyset(object filters, (DateTimeOffset Start, Guid Id)? after, int limit)
    {
        var parameters = new DynamicParameters(filters) { RemoveUnused = true };
        parameters.AddDynamicParams(new
        {
            HasAfter = after is not null, AfterStart = after?.Start ?? DateTimeOffset.UnixEpoch, AfterId = after?.Id ?? Guid.Empty,
            Take = limit + 1,
        });
        return parameters;
    }

    /// <summary>
    /// One page of rows of <paramref name="sql"/>, which reads the filters and the keyset of <see cref="WithTicksKeyset"/>;
    /// the next cursor is the <see cref="TicksCursor"/> of the last row kept, from <paramref name="keyOf"/>.
    /// </summary>
    public static async Task<Page<TRow>> QueryTicksPageAsync<TRow>(this NpgsqlConnection c, string sql, object filters,
        (DateTimeOffset Start, Guid Id)? after, int limit, Func<TRow, (DateTimeOffset At, Guid Id)> keyOf, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<TRow>(new CommandDefinition(sql, WithTicksKeyset(filters, after, limit), cancellationToken: ct))).ToList();
        return ToPage(rows, limit, r =>
        {
            var (at, id) = keyOf(r);
            return TicksCursor(at, id);
        });
    }

    public static string Encode(string raw) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
