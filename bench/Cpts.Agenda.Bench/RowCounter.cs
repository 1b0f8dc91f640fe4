namespace Cpts.Agenda.Bench;

public sealed class RowCounter
{
    private long _queries, _rows, _empty;
    public void Add(int rows)
    {
        Interlocked.Increment(ref _queries);
        Interlocked.Add(ref _rows, rows);
        if (rows == 0) Interlocked.Increment(ref _empty);
    }
    public long Queries => Interlocked.Read(ref _queries);
    public double MeanRows => Queries == 0 ? 0 : (double)Interlocked.Read(ref _rows) / Queries;
    public double EmptyShare => Queries == 0 ? 0 : (double)Interlocked.Read(ref _empty) / Queries;
}
