using System.Data.Common;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A feed source over one table (slots, shifts, teleconsultations): the stamp's SELECT and the events'
/// SELECT of the scope's rows in the window, both with @ScopeId and @Since, and each event built from its row.
/// </summary>
public abstract class TableFeedSource<TRow> : IFeedSource
{
    /// <summary>The two statements of one scope, each a whole const of the source (nothing is inserted at run time).</summary>
    /// <param name="Stamp">count, last_change and versions (<see cref="FeedStampRow"/>) of the scope's rows in the window.</param>
    /// <param name="Items">The scope's rows in the window, in the order of their events.</param>
    protected sealed record Statements(string Stamp, string Items);

    /// <summary>The scope's statements, or null when the source does not feed it.</summary>
    protected abstract Statements? Of(string scope);

    public bool Feeds(string scope) => Of(scope) is not null;

    protected abstract FeedItem Item(TRow row, FeedWindow window);

    public NpgsqlBatchCommand StampCommand(FeedWindow window) => new(Of(window.Scope)!.Stamp)
    {
        Parameters = { new NpgsqlParameter("ScopeId", window.ScopeId), new NpgsqlParameter("Since", window.Since) },
    };

    public FeedStamp ReadStamp(DbDataReader reader, FeedWindow window) => FeedStampRow.Read(reader).ToStamp();

    public async Task<IReadOnlyList<FeedItem>> ItemsAsync(NpgsqlConnection c, FeedWindow window, CancellationToken ct)
    {
        var rows = await c.QueryAsync<TRow>(new CommandDefinition(Of(window.Scope)!.Items, new { window.ScopeId, window.Since }, cancellationToken: ct));
        return rows.Select(r => Item(r, window)).ToList();
    }
}
