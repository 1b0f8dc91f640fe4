using Cpts.Agenda.Api.Features.Notifications;
using NSubstitute;

namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

/// <summary>
/// Shift reminders, open-shift alerts, teleconsultation reminders and practitioner notices. The writes
/// enqueue a planning run for their subject (PlanNotificationsAfterWrite): the tests wait for the real
/// Hangfire server to plan, they do not run the planner themselves.
/// </summary>
public sealed class ShiftAndTeleconsultationNotificationsTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private const string CoordinatorEmail = "coordination@cpts-demo.invalid"; // appsettings.Development.json

    private Task WaitForAsync(Guid subjectId, Func<List<NotificationRow>, bool> condition, string what) =>
        NotificationsApp.WaitUntilAsync(async () => condition(await app.NotificationsOfAsync(subjectId)), what);

    /// <summary>Sends a due row as its job would; the minute's dispatch of the test host may have claimed it first: either way it ends sent.</summary>
    private async Task SendDueAsync(Guid notificationId)
    {
        await app.RunAsync(new SendNotification.Command(notificationId));
        await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationAsync(notificationId)).Status == "sent", "the notification is sent");
    }

    private static bool Has(List<NotificationRow> rows, string kind, string recipient, string status) =>
        rows.Any(r => r.Kind == kind && r.Recipient == recipient && r.Status == status);

    [Fact]
    public async Task An_open_shift_alerts_the_coordinator_7_and_2_days_before_until_it_is_assigned_then_its_assignee_is_reminded_48h_before()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 10);
        var start = shift.Instant("start");
        await app.RunAsync(new PlanNotifications.Command()); // generation is not a planned write: the minute's run plans it

        var rows = await app.NotificationsOfAsync(shift.Id());
        var alert7 = Assert.Single(rows, r => r.Kind == "open-shift-alert-7d");
        Assert.Equal(("coordinator", "email", start.AddDays(-7), "queued", "shift"), (alert7.Recipient, alert7.Channel, alert7.DueAt, alert7.Status, alert7.SubjectKind));
        var alert2 = Assert.Single(rows, r => r.Kind == "open-shift-alert-2d");
        Assert.Equal(("coordinator", start.AddDays(-2), "queued"), (alert2.Recipient, alert2.DueAt, alert2.Status));

        // Assigned by the coordinator: the alerts are cancelled and the assignee gets a reminder, right after the write.
        var gp = await app.NewPractitionerAsync(email: "garde@example.org");
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{shift.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        await WaitForAsync(shift.Id(), r => Has(r, "shift-reminder-48h", gp.Id.ToString(), "queued")
            && r.Where(n => n.Kind.StartsWith("open-shift-alert-", StringComparison.Ordinal)).All(n => n.Status == "cancelled"),
            "the assignee's reminder is queued and the alerts cancelled");
        rows = await app.NotificationsOfAsync(shift.Id());
        Assert.All(rows.Where(r => r.Kind.StartsWith("open-shift-alert-", StringComparison.Ordinal)), r => Assert.Equal("cancelled", r.Status));
        var reminder = Assert.Single(rows, r => r.Kind == "shift-reminder-48h");
        Assert.Equal(("email", start.AddHours(-48)), (reminder.Channel, reminder.DueAt));

        // Sent at its due time, to the coordinator's configured address for an alert; here the assignee's, without a patient.
        app.Clock.SetUtcNow(reminder.DueAt);
        await SendDueAsync(reminder.Id);
        await app.Email.Received(1).SendAsync(Arg.Is<EmailMessage>(m => m.IdempotencyKey == reminder.Id.ToString() &&
            m.To == "garde@example.org" && m.Text.StartsWith($"Rappel : vous êtes de garde {NotificationTexts.When(start)}", StringComparison.Ordinal)),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_swap_request_is_sent_at_once_to_the_practitioner_asked_and_never_to_the_one_asking()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 10);
        var start = shift.Instant("start");
        var asking = await app.NewPractitionerAsync(lastName: "Demandeur-Test", email: "demande@example.org");
        var asked = await app.NewPractitionerAsync(lastName: "Sollicite-Test", email: "sollicite@example.org");
        await (await app.Practitioner(asking.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(asking.Id).PostJsonAsync($"/api/shifts/{shift.Id()}/swap-requests", new { toPractitionerId = asked.Id }))
            .ShouldBe(HttpStatusCode.Created);

        // Planned right after the request (its route id is the shift) and due at once: the host's jobs send it.
        await WaitForAsync(shift.Id(), r => Has(r, "swap-request", asked.Id.ToString(), "sent"), "the swap request notice is sent");
        await app.Email.Received(1).SendAsync(Arg.Is<EmailMessage>(m => m.To == "sollicite@example.org" &&
            m.Text.Contains($"Demandeur-Test vous demande de reprendre sa garde {NotificationTexts.When(start)}", StringComparison.Ordinal)),
            Arg.Any<CancellationToken>());
        var rows = await app.NotificationsOfAsync(shift.Id());
        Assert.DoesNotContain(rows, r => r.Kind == "swap-request" && r.Recipient == asking.Id.ToString());
    }

    [Fact]
    public async Task The_coordinator_alert_is_sent_to_the_configured_address()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 4);
        await app.RunAsync(new PlanNotifications.Command([shift.Id()]));
        var rows = await app.NotificationsOfAsync(shift.Id());
        var alert = Assert.Single(rows, r => r.Kind == "open-shift-alert-2d");
        // Generated inside the 7 days: that alert is due at once (planned late, sent at the next dispatch).
        Assert.True(Assert.Single(rows, r => r.Kind == "open-shift-alert-7d").DueAt <= app.Clock.GetUtcNow());

        app.Clock.SetUtcNow(alert.DueAt);
        await SendDueAsync(alert.Id);
        await app.Email.Received(1).SendAsync(Arg.Is<EmailMessage>(m => m.IdempotencyKey == alert.Id.ToString()
            && m.To == CoordinatorEmail && m.Text.StartsWith("Garde non pourvue : la garde de médecine générale", StringComparison.Ordinal)),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_released_shift_cancels_the_assignee_reminder_and_alerts_the_coordinator_again()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 5);
        var gp = await app.NewPractitionerAsync(email: "benevole@example.org");
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        await WaitForAsync(shift.Id(), r => Has(r, "shift-reminder-48h", gp.Id.ToString(), "queued"), "the volunteer's reminder is queued");

        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/release")).ShouldBe(HttpStatusCode.OK);
        // One planning run: the reminder is cancelled and the open shift alerts the coordinator (again).
        await WaitForAsync(shift.Id(), r => Has(r, "shift-reminder-48h", gp.Id.ToString(), "cancelled") && Has(r, "open-shift-alert-2d", "coordinator", "queued"),
            "the reminder is cancelled and the coordinator alerted");
        var rows = await app.NotificationsOfAsync(shift.Id());
        Assert.DoesNotContain(rows, r => r.Status == "queued" && r.Recipient == gp.Id.ToString());

        // Taken back by the same practitioner: the cancelled reminder is queued again (one row per key), the alert cancelled.
        await (await app.Practitioner(gp.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        await WaitForAsync(shift.Id(), r => Has(r, "shift-reminder-48h", gp.Id.ToString(), "queued") && Has(r, "open-shift-alert-2d", "coordinator", "cancelled"),
            "the reminder is queued again and the alert cancelled");
    }

    [Fact]
    public async Task An_accepted_swap_moves_the_reminder_to_the_new_assignee()
    {
        var (_, shift) = await app.EveningShiftAsync(daysAhead: 6);
        var from = await app.NewPractitionerAsync(email: "de@example.org");
        var to = await app.NewPractitionerAsync(email: "vers@example.org");
        await (await app.Practitioner(from.Id).PostEmptyAsync($"/api/shifts/{shift.Id()}/volunteer")).ShouldBe(HttpStatusCode.OK);
        await WaitForAsync(shift.Id(), r => Has(r, "shift-reminder-48h", from.Id.ToString(), "queued"), "the first reminder is queued");
        var swap = await (await app.Practitioner(from.Id).PostJsonAsync($"/api/shifts/{shift.Id()}/swap-requests", new { toPractitionerId = to.Id }))
            .ShouldBe(HttpStatusCode.Created);

        // The route's id is the swap request: the filter plans the shift named in the answer.
        await (await app.Practitioner(to.Id).PostEmptyAsync($"/api/swap-requests/{swap.Id()}/accept")).ShouldBe(HttpStatusCode.OK);
        await WaitForAsync(shift.Id(), r => Has(r, "shift-reminder-48h", to.Id.ToString(), "queued") && Has(r, "shift-reminder-48h", from.Id.ToString(), "cancelled"),
            "the reminder moved to the new assignee");
    }

    private async Task<Cabinet> CabinetAsync()
    {
        var site = await app.NewSiteAsync("telemedicine");
        var room = await app.NewRoomAsync(site.Id);
        var nurse = await app.NewPractitionerAsync("nurse", "Infirmiere", email: "ide@example.org");
        var doctor = await app.NewPractitionerAsync("generalist", "Medecin");
        return new Cabinet(site.Id, room, nurse.Id, doctor.Id);
    }

    [Fact]
    public async Task A_teleconsultation_reminds_the_nurse_1h_before_without_the_patient_and_cancelling_it_cancels_the_reminder()
    {
        var cabinet = await CabinetAsync();
        var start = app.At(10, daysAhead: 3);
        var created = await app.BookTeleconsultationAsync(cabinet, start);
        var id = created.Id();
        await WaitForAsync(id, r => Has(r, "teleconsultation-reminder-1h", cabinet.NurseId.ToString(), "queued"), "the nurse's reminder is queued");
        var reminder = Assert.Single(await app.NotificationsOfAsync(id));
        Assert.Equal(("teleconsultation", "email", start.AddHours(-1)), (reminder.SubjectKind, reminder.Channel, reminder.DueAt));

        // A second one, sent at its time: the text names the doctor and the place, never the patient.
        var otherStart = app.At(11, daysAhead: 3);
        var other = (await app.BookTeleconsultationAsync(cabinet, otherStart)).Id();
        await app.RunAsync(new PlanNotifications.Command([other]));
        var otherReminder = Assert.Single(await app.NotificationsOfAsync(other));

        await (await app.Nurse(cabinet.NurseId).PostJsonAsync($"/api/teleconsultations/{id}/cancel", new { reason = "Patient hospitalisé" }))
            .ShouldBe(HttpStatusCode.OK);
        await WaitForAsync(id, r => r.Single().Status == "cancelled", "the reminder is cancelled");

        app.Clock.SetUtcNow(otherReminder.DueAt);
        await SendDueAsync(otherReminder.Id);
        var sent = await app.NotificationAsync(otherReminder.Id);
        Assert.StartsWith($"Rappel : téléconsultation assistée {NotificationTexts.When(otherStart)} avec le Dr Alex Medecin", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Germaine", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Patiente", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Toux", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_practitioner_notice_of_the_calendars_feature_is_sent_once_and_marked_sent()
    {
        var gp = await app.NewPractitionerAsync(email: "agenda@example.org");
        var site = await app.NewSiteAsync();
        var start = app.NextHour(30);
        var slotId = await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        var noticeId = await app.ScalarAsync<Guid>("""
            INSERT INTO practitioner_notices (kind, practitioner_id, slot_id, created_at)
            VALUES ('slot-withdrawn-busy', @gp, @slotId, @now) RETURNING id
            """, new { gp = gp.Id, slotId, now = app.Clock.GetUtcNow() });

        await app.RunAsync(new PlanNotifications.Command());
        var notice = Assert.Single(await app.NotificationsOfAsync(noticeId));
        Assert.Equal(("slot-withdrawn-busy", "practitioner-notice", gp.Id.ToString(), "email"), (notice.Kind, notice.SubjectKind, notice.Recipient, notice.Channel));
        Assert.True((notice.DueAt - app.Clock.GetUtcNow()).Duration() < TimeSpan.FromSeconds(1), "a notice is due at once");

        // Run twice (two workers, a retried job): one message.
        await Task.WhenAll(app.JobAsync(j => j.SendAsync(notice.Id, CancellationToken.None)), app.JobAsync(j => j.SendAsync(notice.Id, CancellationToken.None)));
        await app.JobAsync(j => j.SendAsync(notice.Id, CancellationToken.None));
        await app.Email.Received(1).SendAsync(Arg.Is<EmailMessage>(m => m.To == "agenda@example.org"), Arg.Any<CancellationToken>());
        await app.Email.Received(1).SendAsync(Arg.Is<EmailMessage>(m =>
            m.Text.StartsWith($"Votre créneau {NotificationTexts.When(start)}", StringComparison.Ordinal)), Arg.Any<CancellationToken>());
        Assert.Equal("sent", (await app.NotificationAsync(notice.Id)).Status);
        Assert.NotNull(await app.ScalarAsync<DateTimeOffset?>("SELECT sent_at FROM practitioner_notices WHERE id = @noticeId", new { noticeId }));

        // Planning again neither queues it again nor cancels what was sent.
        await app.RunAsync(new PlanNotifications.Command());
        var after = Assert.Single(await app.NotificationsOfAsync(noticeId));
        Assert.Equal("sent", after.Status);
    }
}
