using System.Threading.Channels;
using Hangfire;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// Collects the subjects (bookings, cancellations) written in this instance and plans them together:
/// one Hangfire planning job per short window instead of one per write, so a burst of bookings costs
/// one planning run, not hundreds. Nothing is lost if the process dies first: the minute's full
/// planning run finds those subjects in the database anyway.
/// </summary>
public sealed class PlanningBatcher(IBackgroundJobClient jobs, ILogger<PlanningBatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

    private readonly Channel<Guid> _written = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(Guid subjectId) => _written.Writer.TryWrite(subjectId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _written.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Window, stoppingToken); // let the rest of the burst arrive
                var subjects = new HashSet<Guid>();
                while (_written.Reader.TryRead(out var id)) subjects.Add(id);
                try
                {
                    var ids = subjects.ToArray();
                    jobs.Enqueue<NotificationJobs>(j => j.PlanAsync(ids, CancellationToken.None));
                }
                catch (Exception e)
                {
                    logger.LogWarning("Planning notifications right away failed ({Error}); the next minute's run will plan them", e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: the minute's run of another instance, or of the next start, plans the rest
        }
    }
}
