using System.Diagnostics;
using Cpts.Agenda.Api.Features.Notifications;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Tests;

public sealed class SendPacerTests
{
    private static SendPacer Pacer(int sendsPerSecond) => new(Options.Create(new NotificationOptions { SendsPerSecond = sendsPerSecond }));

    [Fact]
    public async Task Sends_are_spread_at_the_configured_rate()
    {
        using var pacer = Pacer(10);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 16; i++) await pacer.WaitAsync(CancellationToken.None);
        // One send is ready at once, then one every 100 ms: 15 more take at least 1.5 s (a lower bound only).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.4), $"16 sends at 10/s took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Waiting_senders_are_served_in_turn_and_a_cancelled_wait_gives_up()
    {
        using var pacer = Pacer(1);
        using var cancel = new CancellationTokenSource();
        // Take tokens until a wait has to queue (on a slow machine the bucket may have refilled in between).
        Task waiting;
        do waiting = pacer.WaitAsync(cancel.Token).AsTask();
        while (waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Zero_sends_unpaced()
    {
        using var pacer = Pacer(0);
        for (var i = 0; i < 10_000; i++)
        {
            var wait = pacer.WaitAsync(CancellationToken.None).AsTask();
            Assert.True(wait.IsCompletedSuccessfully);
        }
    }
}
