using Dapper;
using Cpts.Agenda.Api.Features.Notifications;
using Hangfire;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

public sealed class SendNotificationTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private async Task<Guid> BookAsync(int hoursAhead, string email) =>
        (await app.BookWithNewPractitionerAsync(hoursAhead, email, lastName: "Martin-Test")).Booking.GetProperty("id").GetGuid();

    private int SmsSentWith(Guid key) => app.Sms.ReceivedCalls()
        .Count(call => call.GetArguments()[0] is SmsMessage m && m.IdempotencyKey == key.ToString());

    private int EmailsSentWith(Guid key) => app.Email.ReceivedCalls()
        .Count(call => call.GetArguments()[0] is EmailMessage m && m.IdempotencyKey == key.ToString());

    [Fact]
    public async Task The_booking_notice_reaches_the_practitioner_through_Hangfire_right_after_the_booking()
    {
        var bookingId = await BookAsync(30, "notice@example.org");

        // No direct call: the booking endpoint enqueued a planning run, the server planned and sent.
        NotificationRow? notice = null;
        await NotificationsApp.WaitUntilAsync(async () =>
            (notice = (await app.NotificationsOfAsync(bookingId)).SingleOrDefault(r => r.Kind == "booking-notice"))?.Status == "sent",
            "the booking notice is sent");
        Assert.Equal(1, EmailsSentWith(notice!.Id));
        var email = (EmailMessage)app.Email.ReceivedCalls().Select(c => c.GetArguments()[0]).Single(a => a is EmailMessage m && m.IdempotencyKey == notice.Id.ToString())!;
        Assert.Equal("notice@example.org", email.To);
        Assert.StartsWith("Nouveau rendez-vous le ", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Paulette", email.Text, StringComparison.Ordinal); // no patient identity in messages
        Assert.Equal(("email", 1), (notice.Channel, notice.Attempts));
        Assert.Equal(email.Text, notice.Body);
    }

    [Fact]
    public async Task A_send_job_executed_twice_sends_once()
    {
        var bookingId = await BookAsync(30, "twice@example.org");
        await app.RunAsync(new PlanNotifications.Command());
        var reminder = (await app.NotificationsOfAsync(bookingId)).Single(r => r.Kind == "patient-reminder-24h");

        // Not due yet: nothing happens.
        await app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None));
        Assert.Equal("queued", (await app.NotificationAsync(reminder.Id)).Status);

        app.Clock.SetUtcNow(reminder.DueAt.AddMinutes(1));
        await Task.WhenAll(
            app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None)),
            app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None)));
        await app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None));

        await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationAsync(reminder.Id)).Status == "sent", "the reminder is sent");
        Assert.Equal(1, SmsSentWith(reminder.Id));
        var sms = (SmsMessage)app.Sms.ReceivedCalls().Select(c => c.GetArguments()[0]).Single(a => a is SmsMessage m && m.IdempotencyKey == reminder.Id.ToString())!;
        Assert.Equal("06 12 34 56 78", sms.To);
        Assert.StartsWith($"Rappel : rendez-vous {NotificationTexts.When(reminder.DueAt.AddHours(24))} avec le Dr Alex Martin-Test", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_left_sending_by_a_killed_process_is_taken_over_after_the_claim_timeout_and_sent_once()
    {
        var bookingId = await BookAsync(30, "killed@example.org");
        await app.RunAsync(new PlanNotifications.Command());
        var reminder = (await app.NotificationsOfAsync(bookingId)).Single(r => r.Kind == "patient-reminder-24h");

        // A worker claimed it when due, then its process was killed before the provider answered: the row
        // stays 'sending'. (Written before the clock reaches it, so the host's own jobs cannot send it first.)
        var claimedAt = reminder.DueAt.AddMinutes(1);
        await using (var c = await app.OpenAsync())
            Assert.Equal(1, await c.ExecuteAsync("UPDATE notifications SET status = 'sending', claimed_at = @claimedAt WHERE id = @Id AND status = 'queued'",
                new { claimedAt, reminder.Id }));
        app.Clock.SetUtcNow(claimedAt);

        // Within the claim timeout nobody else sends it: the claimant may still be alive.
        var claimTimeout = app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.ClaimTimeout;
        app.Clock.Advance(claimTimeout - TimeSpan.FromSeconds(10));
        await app.RunAsync(new DispatchDueNotifications.Command());
        await app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None));
        Assert.Equal("sending", (await app.NotificationAsync(reminder.Id)).Status);
        Assert.Equal(0, SmsSentWith(reminder.Id));

        // After it, the dispatcher enqueues it again and two workers racing for it send it once.
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await app.RunAsync(new DispatchDueNotifications.Command()) >= 1);
        await Task.WhenAll(
            app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None)),
            app.JobAsync(j => j.SendAsync(reminder.Id, CancellationToken.None)));
        await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationAsync(reminder.Id)).Status == "sent", "the reminder is sent");
        Assert.Equal(1, SmsSentWith(reminder.Id));
    }

    [Fact]
    public async Task A_reminder_whose_booking_moved_or_was_cancelled_is_not_sent()
    {
        var movedId = await BookAsync(30, "moved@example.org");
        var cancelledId = await BookAsync(31, "cancelled@example.org");
        await app.RunAsync(new PlanNotifications.Command());
        var moved = (await app.NotificationsOfAsync(movedId)).Single(r => r.Kind == "patient-reminder-24h");
        var cancelled = (await app.NotificationsOfAsync(cancelledId)).Single(r => r.Kind == "patient-reminder-24h");

        // Changed behind the planner's back: the send job's own re-check catches it.
        await using (var c = await app.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE bookings SET starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour' WHERE id = @movedId", new { movedId });
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE bookings SET status = 'cancelled', cancelled_at = @now WHERE id = @cancelledId", new { cancelledId, now = app.Clock.GetUtcNow() });
        }
        app.Clock.SetUtcNow(cancelled.DueAt.AddMinutes(1));
        await app.JobAsync(j => j.SendAsync(moved.Id, CancellationToken.None));
        await app.JobAsync(j => j.SendAsync(cancelled.Id, CancellationToken.None));

        await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationAsync(moved.Id)).Status == "cancelled"
            && (await app.NotificationAsync(cancelled.Id)).Status == "cancelled", "both reminders are cancelled");
        Assert.Equal(0, SmsSentWith(moved.Id));
        Assert.Equal(0, SmsSentWith(cancelled.Id));

        // The moved booking gets a reminder for its new time.
        await app.RunAsync(new PlanNotifications.Command());
        var again = (await app.NotificationsOfAsync(movedId)).Where(r => r.Kind == "patient-reminder-24h" && r.Status != "cancelled").ToList();
        Assert.Equal(moved.DueAt.AddHours(1), Assert.Single(again).DueAt);
    }

    [Fact]
    public async Task Two_Hangfire_servers_on_one_database_send_each_notification_once()
    {
        var bookings = new List<Guid>();
        for (var i = 0; i < 4; i++) bookings.Add(await BookAsync(30 + i, $"two-servers-{i}@example.org"));
        await app.RunAsync(new PlanNotifications.Command());
        var reminders = new List<NotificationRow>();
        foreach (var b in bookings) reminders.Add((await app.NotificationsOfAsync(b)).Single(r => r.Kind == "patient-reminder-24h"));
        app.Clock.SetUtcNow(reminders.Max(r => r.DueAt).AddMinutes(1));

        var storage = app.Services.GetRequiredService<JobStorage>();
        using (var second = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = "second-instance", WorkerCount = 2, Activator = app.Services.GetRequiredService<JobActivator>(),
        }, storage))
        {
            var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
            foreach (var r in reminders)
            {
                for (var copy = 0; copy < 3; copy++) jobs.Enqueue<NotificationJobs>(j => j.SendAsync(r.Id, CancellationToken.None));
            }
            await NotificationsApp.WaitUntilAsync(async () =>
            {
                foreach (var r in reminders) if ((await app.NotificationAsync(r.Id)).Status != "sent") return false;
                var monitor = storage.GetMonitoringApi();
                return monitor.EnqueuedCount("default") == 0 && monitor.ProcessingCount() == 0;
            }, "every reminder is sent and every job has run");
        }

        Assert.All(reminders, r => Assert.Equal(1, SmsSentWith(r.Id)));
    }

    [Fact]
    public async Task The_dispatcher_sends_due_notifications_in_jobs_of_25_and_one_failure_does_not_hold_back_the_rest()
    {
        var bookings = new List<Guid>();
        for (var i = 0; i < 27; i++) bookings.Add(await BookAsync(40, $"batch-{i}@example.org"));
        var reminders = await app.RemindersOfAsync(bookings);
        var failing = reminders[3];
        app.Sms.SendAsync(Arg.Is<SmsMessage>(m => m.IdempotencyKey == failing.Id.ToString()), Arg.Any<CancellationToken>())
            .ThrowsAsync(new DeliveryException("provider down"));
        app.Clock.SetUtcNow(reminders.Max(r => r.DueAt).AddMinutes(1));

        DateTime before;
        await using (var c = await app.OpenAsync()) before = await c.ExecuteScalarAsync<DateTime>("SELECT localtimestamp");
        var dispatched = await app.RunAsync(new DispatchDueNotifications.Command()); // ours, and what earlier tests left due

        // ceil(dispatched / 25) jobs carry the ids, none twice, on the send queue; its server runs them.
        List<Guid[]> batches;
        List<string> queues;
        await using (var c = await app.OpenAsync())
        {
            var schema = Cpts.Agenda.Api.Infrastructure.Jobs.Schema;
            var jobs = (await c.QueryAsync<(long Id, string Arguments)>(
                $"SELECT id, arguments::text FROM {schema}.job WHERE invocationdata::text LIKE '%SendManyAsync%' AND createdat >= @before",
                new { before })).ToList();
            batches = jobs.Select(j => System.Text.Json.JsonSerializer.Deserialize<Guid[]>(System.Text.Json.JsonSerializer.Deserialize<string?[]>(j.Arguments)![0]!)!).ToList();
            queues = (await c.QueryAsync<string>(
                $"SELECT data::json->>'Queue' FROM {schema}.state WHERE name = 'Enqueued' AND jobid = ANY(@ids)",
                new { ids = jobs.Select(j => j.Id).ToArray() })).ToList();
        }
        Assert.Equal(batches.Count, queues.Count);
        Assert.All(queues, q => Assert.Equal(Cpts.Agenda.Api.Infrastructure.Jobs.SendsQueue, q));
        Assert.True(dispatched >= 27, $"{dispatched} dispatched");
        Assert.Equal((dispatched + 24) / 25, batches.Count);
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 25));
        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(dispatched, all.Distinct().Count());
        Assert.Equal(dispatched, all.Count);
        Assert.Subset(all.ToHashSet(), reminders.Select(r => r.Id).ToHashSet());

        await NotificationsApp.WaitUntilAsync(async () =>
        {
            foreach (var r in reminders.Where(r => r.Id != failing.Id)) if ((await app.NotificationAsync(r.Id)).Status != "sent") return false;
            return (await app.NotificationAsync(failing.Id)).Attempts == 1;
        }, "the batch has run");
        Assert.All(reminders.Where(r => r.Id != failing.Id), r => Assert.Equal(1, SmsSentWith(r.Id)));
        var retried = await app.NotificationAsync(failing.Id);
        Assert.Equal(("queued", "DeliveryException"), (retried.Status, retried.LastError)); // its own retry schedule takes over
    }

    [Fact]
    public async Task Sends_stuck_at_the_provider_do_not_hold_up_the_planning_of_new_bookings()
    {
        // Two booking notices whose provider never answers until released: both send workers hang on them.
        var release = new TaskCompletionSource();
        app.Email.SendAsync(Arg.Is<EmailMessage>(m => m.To.StartsWith("stuck-", StringComparison.Ordinal)), Arg.Any<CancellationToken>())
            .Returns(_ => release.Task);
        try
        {
            var stuck = new List<Guid>();
            for (var i = 0; i < 2; i++)
            {
                var booking = await BookAsync(30, $"stuck-{i}@example.org");
                stuck.Add(booking);
                // Planned before the next booking is made: separate planning runs, so separate send jobs, however slow the machine.
                await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationsOfAsync(booking)).Any(r => r.Kind == "booking-notice"),
                    "the booking's notice is planned");
            }
            await NotificationsApp.WaitUntilAsync(async () =>
            {
                foreach (var b in stuck)
                    if ((await app.NotificationsOfAsync(b)).SingleOrDefault(r => r.Kind == "booking-notice")?.Status != "sending") return false;
                return true;
            }, "both stuck notices are being sent");

            // A new booking is planned (and its notice queued) all the same: planning has its own workers.
            var next = await BookAsync(30, "next@example.org");
            await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationsOfAsync(next)).Any(r => r.Kind == "booking-notice"),
                "the new booking's notice is planned");
            foreach (var b in stuck) Assert.Equal("sending", (await app.NotificationsOfAsync(b)).Single(r => r.Kind == "booking-notice").Status);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task A_failing_sender_ends_in_failed_after_its_retries()
    {
        const string address = "down@example.org";
        app.Email.SendAsync(Arg.Is<EmailMessage>(m => m.To == address), Arg.Any<CancellationToken>())
            .ThrowsAsync(new DeliveryException("SMTP server down"));
        var bookingId = await BookAsync(30, address);
        await app.RunAsync(new PlanNotifications.Command());
        var notice = (await app.NotificationsOfAsync(bookingId)).Single(r => r.Kind == "booking-notice");

        // Each round: let the retry delay pass and run the job (the background server may run it first: same outcome).
        for (var round = 0; round < 10 && (await app.NotificationAsync(notice.Id)).Status != "failed"; round++)
        {
            await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationAsync(notice.Id)).Status != "sending", "no attempt is running");
            var row = await app.NotificationAsync(notice.Id);
            if (row.NotBefore > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(row.NotBefore.AddSeconds(1));
            await app.JobAsync(j => j.SendAsync(notice.Id, CancellationToken.None));
        }

        var failed = await app.NotificationAsync(notice.Id);
        Assert.Equal(("failed", 3, "DeliveryException"), (failed.Status, failed.Attempts, failed.LastError));
        Assert.Equal(3, EmailsSentWith(notice.Id));

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.JobAsync(j => j.SendAsync(notice.Id, CancellationToken.None));
        await app.RunAsync(new DispatchDueNotifications.Command());
        Assert.Equal(3, EmailsSentWith(notice.Id));
    }
}
