using Cpts.Agenda.Api.Features.Notifications;
using NSubstitute;

namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

public sealed class OutboxDeliveryTests(OutboxApp app) : IClassFixture<OutboxApp>
{
    [Fact]
    public async Task In_Development_notifications_go_to_the_outbox_and_nothing_leaves_the_machine()
    {
        var gp = await app.NewPractitionerAsync(email: "outbox@example.org");
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(30), siteId: (await app.NewSiteAsync()).Id);
        var bookingId = (await app.BookAsync(app.Regulator(), slotId)).GetProperty("id").GetGuid();
        await app.RunAsync(new PlanNotifications.Command());
        var notice = (await app.NotificationsOfAsync(bookingId)).Single(r => r.Kind == "booking-notice");

        await app.JobAsync(j => j.SendAsync(notice.Id, CancellationToken.None));

        // The server may have taken it first (the booking enqueued a planning run): wait for whoever sends it.
        await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationAsync(notice.Id)).Status == "sent", "the notice is sent");
        var sent = await app.NotificationAsync(notice.Id);
        Assert.Equal(("sent", "outbox"), (sent.Status, sent.Channel));
        Assert.StartsWith("Nouveau rendez-vous le ", sent.Body, StringComparison.Ordinal);
        Assert.Empty(app.Email.ReceivedCalls());
        Assert.Empty(app.Sms.ReceivedCalls());
    }
}
