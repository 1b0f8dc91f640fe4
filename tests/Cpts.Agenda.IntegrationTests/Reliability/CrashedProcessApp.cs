using Cpts.Agenda.IntegrationTests.Features.Notifications;

namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>Live delivery (senders substituted) with a Hangfire lock lifetime and invisibility timeout of 10 s.</summary>
public sealed class CrashedProcessApp : NotificationsApp
{
    public static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(10);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Agenda:Jobs:DistributedLockTimeout"] = LockLifetime.ToString(),
        ["Agenda:Jobs:InvisibilityTimeout"] = LockLifetime.ToString(),
    };
}
