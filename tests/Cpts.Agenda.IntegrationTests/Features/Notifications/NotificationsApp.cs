using Cpts.Agenda.Api.Features.Notifications;
using Dapper;
using NSubstitute;

namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>The service with live delivery, its senders substituted, 3 attempts one minute apart (doubling).</summary>
public class NotificationsApp : AgendaApp
{
    public IEmailSender Email { get; } = Substitute.For<IEmailSender>();
    public ISmsProvider Sms { get; } = Substitute.For<ISmsProvider>();

    protected virtual string? Delivery => "live";

    /// <summary>Reminders are planned and sent by the host's Hangfire servers.</summary>
    protected override bool RunsJobs => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:Notifications:Delivery"] = Delivery,
        ["Agenda:Notifications:MaxAttempts"] = "3",
        ["Agenda:Notifications:RetryDelay"] = "00:01:00",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(Email);
        services.AddSingleton(Sms);
    }

    /// <summary>Runs the retention of patient identities, as its nightly job would; how many appointments it erased.</summary>
    public Task<int> ErasePatientIdentitiesAsync() => RunAsync(new ErasePatientIdentities.Command());

    /// <summary>Calls a job method on a fresh scope, as a Hangfire worker does.</summary>
    public async Task JobAsync(Func<NotificationJobs, Task> job)
    {
        await using var scope = Services.CreateAsyncScope();
        await job(scope.ServiceProvider.GetRequiredService<NotificationJobs>());
    }

    /// <summary>
    /// The 24 h reminder of each booking, planned once the planning runs the bookings enqueued are over
    /// (their booking notices are sent), so that moving the clock afterwards races with nothing.
    /// </summary>
    public async Task<List<NotificationRow>> RemindersOfAsync(IReadOnlyList<Guid> bookings)
    {
        await WaitUntilAsync(async () =>
        {
            foreach (var b in bookings)
                if ((await NotificationsOfAsync(b)).SingleOrDefault(r => r.Kind == "booking-notice")?.Status != "sent") return false;
            return true;
        }, "the booking notices are sent");
        await RunAsync(new PlanNotifications.Command());
        var reminders = new List<NotificationRow>();
        foreach (var b in bookings) reminders.Add((await NotificationsOfAsync(b)).Single(r => r.Kind == "patient-reminder-24h"));
        return reminders;
    }

    public async Task<List<NotificationRow>> NotificationsOfAsync(Guid subjectId)
    {
        await using var c = await OpenAsync();
        return (await c.QueryAsync<NotificationRow>("SELECT * FROM notifications WHERE subject_id = @subjectId ORDER BY due_at, kind, recipient", new { subjectId })).ToList();
    }

    /// <summary>One booking or teleconsultation as stored, for the retention tests.</summary>
    public async Task<RetainedAppointment> AppointmentAsync(string table, Guid id)
    {
        // Whole statements, never an interpolated table name.
        var sql = table switch
        {
            "bookings" => "SELECT * FROM bookings WHERE id = @id",
            "teleconsultations" => "SELECT * FROM teleconsultations WHERE id = @id",
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "bookings or teleconsultations"),
        };
        await using var c = await OpenAsync();
        return await c.QuerySingleAsync<RetainedAppointment>(sql, new { id });
    }

    public async Task<NotificationRow> NotificationAsync(Guid id)
    {
        await using var c = await OpenAsync();
        return await c.QuerySingleAsync<NotificationRow>("SELECT * FROM notifications WHERE id = @id", new { id });
    }

    /// <summary>Polls until the condition holds (the Hangfire server works in the background), failing after 30 s (or <paramref name="within"/>).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}
