using Cpts.Agenda.Api.Features.Notifications;
using Hangfire;
using NSubstitute;

namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>On its own database: the in-flight count must be this test's rows only.</summary>
public sealed class DispatchCapTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task The_dispatcher_keeps_no_more_than_its_cap_enqueued_and_unsent()
    {
        // Reminders due later; the send server is kept from sending by a provider that does not answer yet.
        var release = new TaskCompletionSource();
        app.Sms.SendAsync(Arg.Any<SmsMessage>(), Arg.Any<CancellationToken>()).Returns(_ => release.Task);
        // Only this test dispatches: the minute's recurring runs would dispatch with the default cap.
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(NotificationRecurringJobs.PlanId);
        recurring.RemoveIfExists(NotificationRecurringJobs.DispatchId);
        try
        {
            var bookings = new List<Guid>();
            for (var i = 0; i < 6; i++)
            {
                var gp = await app.NewPractitionerAsync(email: $"cap-{i}@example.org");
                var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(40), siteId: (await app.NewSiteAsync()).Id);
                bookings.Add((await app.BookAsync(app.Regulator(), slotId)).GetProperty("id").GetGuid());
            }
            var reminders = await app.RemindersOfAsync(bookings);
            app.Clock.SetUtcNow(reminders.Max(r => r.DueAt).AddMinutes(1));

            Assert.Equal(4, await app.RunAsync(new DispatchDueNotifications.Command(InFlightCap: 4)));
            Assert.Equal(0, await app.RunAsync(new DispatchDueNotifications.Command(InFlightCap: 4))); // four waiting: none more

            // One job carries the four; its worker claims the first and waits on the provider: that one has left
            // the count, so one more may go.
            await NotificationsApp.WaitUntilAsync(async () =>
                (await Task.WhenAll(reminders.Select(r => app.NotificationAsync(r.Id)))).Count(r => r.Status == "sending") == 1,
                "a send is under way");
            Assert.Equal(1, await app.RunAsync(new DispatchDueNotifications.Command(InFlightCap: 4)));
            Assert.Equal(0, await app.RunAsync(new DispatchDueNotifications.Command(InFlightCap: 4)));
        }
        finally
        {
            release.SetResult();
        }
    }
}
