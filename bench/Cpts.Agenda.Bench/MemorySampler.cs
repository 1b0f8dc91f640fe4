using System.Globalization;

namespace Cpts.Agenda.Bench;

/// <summary>Peak resident memory of a process, read from /proc/&lt;pid&gt;/status while the load runs.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (ReadRssKb(_pid) is { } kb)
                {
                    PeakKb = Math.Max(PeakKb, kb);
                    LastKb = kb;
                }
                try
                {
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public long PeakKb { get; private set; }
    public long LastKb { get; private set; }

    public static long? ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
