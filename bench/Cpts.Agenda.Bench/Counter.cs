namespace Cpts.Agenda.Bench;

public sealed class Counter
{
    private int _value = -1;
    public int Next() => Interlocked.Increment(ref _value);
}
