namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A feed source over one table (slots, shifts, teleconsultations): the stamp's SELECT and the events'
/// SELECT of the scope's rows in the window, both with @ScopeId and @Since, and each event built from its row.
/// </summary>
public abstract class TableFeedSource<TRow> : IFeedSource
{
    public abstract bool Feeds(string scope);

    /// <summary>count, last_change and versions (<see cref="FeedStampRow"/>) of the scope's rows in the window.</summary>
    protected abstract string StampSql(string scope);

    /// <summary>The scope's rows in the window, in the order of their events.</summary>
    protected abstract string ItemsSql(string scope);

    protected abstract FeedItem Item(TRow row, FeedWindow window);

    public async Task<FeedStamp> StampAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct)
    {
        var row = await c.QuerySingleAsync<FeedStampRow>(new CommandDefinition(StampSql(window.Scope), new { window.ScopeId, window.Since }, cancellationToken: ct));
        return row.ToStamp();
    }

    public async Task<IReadOnlyList<FeedItem>> ItemsAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct)
    {
        var rows = await c.QueryAsync<TRow>(new CommandDefinition(ItemsSql(window.Scope), new { window.ScopeId, window.Since }, cancellationToken: ct));
        return rows.Select(r => Item(r, window)).ToList();
    }
}
