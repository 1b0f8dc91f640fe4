using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.IntegrationTests.Features.Notifications;

public sealed class PlanNotificationsTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private async Task<(Guid BookingId, Guid PractitionerId, DateTimeOffset Start, DateTimeOffset CreatedAt)> BookAsync(int hoursAhead, string? email = "gp@example.org", string? phone = null)
    {
        var (booking, gpId, start) = await app.BookWithNewPractitionerAsync(hoursAhead, email, phone);
        return (booking.GetProperty("id").GetGuid(), gpId, start, booking.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_booking_queues_the_practitioner_notice_now_and_patient_reminders_24h_and_2h_before()
    {
        var (bookingId, gpId, start, createdAt) = await BookAsync(30);
        await app.RunAsync(new PlanNotifications.Command());

        var rows = await app.NotificationsOfAsync(bookingId);
        var notice = Assert.Single(rows, r => r.Kind == "booking-notice");
        Assert.Equal(gpId.ToString(), notice.Recipient);
        Assert.Equal("email", notice.Channel);
        Assert.True((notice.DueAt - createdAt).Duration() < TimeSpan.FromSeconds(1), "the notice is due when the booking was made");
        var r24 = Assert.Single(rows, r => r.Kind == "patient-reminder-24h");
        Assert.Equal(("patient", "sms", start.AddHours(-24), "queued"), (r24.Recipient, r24.Channel, r24.DueAt, r24.Status));
        var r2 = Assert.Single(rows, r => r.Kind == "patient-reminder-2h");
        Assert.Equal(("patient", "sms", start.AddHours(-2), "queued"), (r2.Recipient, r2.Channel, r2.DueAt, r2.Status));
        Assert.Equal(3, rows.Count);

        // Planning again (another minute, another instance) adds nothing.
        Assert.Equal(0, (await app.RunAsync(new PlanNotifications.Command())).Queued);
        Assert.Equal(3, (await app.NotificationsOfAsync(bookingId)).Count);

        // The coordinator sees them, Paris offset, "recipient" a practitioner id or "patient".
        var body = await (await app.Coordinator().GetAsync($"/api/notifications?bookingId={bookingId}")).ShouldBe(HttpStatusCode.OK);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var reminder = items.Single(i => i.GetProperty("kind").GetString() == "patient-reminder-24h");
        Assert.Equal("patient", reminder.GetProperty("recipient").GetString());
        Assert.Equal(start.AddHours(-24), reminder.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("queued", reminder.GetProperty("status").GetString());
        Assert.Equal(0, reminder.GetProperty("attempts").GetInt32());
        var byPractitioner = await (await app.Coordinator().GetAsync($"/api/notifications?practitionerId={gpId}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("booking-notice", Assert.Single(byPractitioner.GetProperty("items").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_booking_made_inside_a_lead_skips_that_reminder()
    {
        var (bookingId, _, start, _) = await BookAsync(5);
        await app.RunAsync(new PlanNotifications.Command());

        var rows = await app.NotificationsOfAsync(bookingId);
        Assert.DoesNotContain(rows, r => r.Kind == "patient-reminder-24h");
        Assert.Equal(start.AddHours(-2), Assert.Single(rows, r => r.Kind == "patient-reminder-2h").DueAt);
    }

    [Fact]
    public async Task A_practitioner_without_email_is_noticed_by_sms_and_one_without_contact_not_at_all()
    {
        var (bySms, _, _, _) = await BookAsync(30, email: null, phone: "06 11 22 33 44");
        var (unreachable, _, _, _) = await BookAsync(31, email: null, phone: null);
        await app.RunAsync(new PlanNotifications.Command());

        Assert.Equal("sms", Assert.Single(await app.NotificationsOfAsync(bySms), r => r.Kind == "booking-notice").Channel);
        Assert.DoesNotContain(await app.NotificationsOfAsync(unreachable), r => r.Kind == "booking-notice");
    }

    [Fact]
    public async Task Cancelling_cancels_the_queued_reminders_and_queues_the_cancellation_notices()
    {
        var (bookingId, gpId, _, _) = await BookAsync(30);
        await app.RunAsync(new PlanNotifications.Command());

        await (await app.Regulator().PostJsonAsync($"/api/bookings/{bookingId}/cancel", new { reason = "Patient guéri" })).ShouldBe(HttpStatusCode.OK);
        await app.RunAsync(new PlanNotifications.Command());

        var rows = await app.NotificationsOfAsync(bookingId);
        Assert.All(rows.Where(r => r.Kind.StartsWith("patient-reminder-", StringComparison.Ordinal)), r => Assert.Equal("cancelled", r.Status));
        Assert.Equal(2, rows.Count(r => r.Kind.StartsWith("patient-reminder-", StringComparison.Ordinal)));
        var cancellations = rows.Where(r => r.Kind == "booking-cancelled").ToList();
        Assert.Equal([gpId.ToString(), "patient"], cancellations.Select(r => r.Recipient).Order().ToArray());
        Assert.All(cancellations, r => Assert.Contains(r.Status, new[] { "queued", "sent" }));
    }

    [Fact]
    public async Task Notifications_are_for_the_coordinator_only()
    {
        await (await app.CreateClient().GetAsync("/api/notifications")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Regulator().GetAsync("/api/notifications")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Practitioner(Guid.NewGuid()).GetAsync("/api/notifications")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().GetAsync("/api/notifications?limit=0")).ShouldBe(HttpStatusCode.BadRequest);
        var body = await (await app.Coordinator().GetAsync($"/api/notifications?bookingId={Guid.NewGuid()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_job_dashboard_is_for_coordinators_only()
    {
        await (await app.CreateClient().GetAsync("/hangfire")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Regulator().GetAsync("/hangfire")).ShouldBe(HttpStatusCode.Forbidden);
        var page = await app.Coordinator().GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(NotificationRecurringJobs.PlanId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Planning_after_a_write_touches_only_the_written_subjects()
    {
        // Two bookings written behind the service's back: no write filter planned them.
        var (gp, site) = (await app.NewPractitionerAsync(email: "solo@example.org"), await app.NewSiteAsync());
        var slotA = await app.PublishSlotAsync(gp.Id, app.NextHour(40), siteId: site.Id);
        var slotB = await app.PublishSlotAsync(gp.Id, app.NextHour(41), siteId: site.Id);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var c = await app.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, """
                UPDATE slots SET status = 'booked' WHERE id = ANY(@Slots);
                INSERT INTO bookings (id, slot_id, practitioner_id, starts_at, ends_at, channel, patient_first_name, patient_last_name,
                    patient_birth_date, patient_phone, patient_has_regular_doctor, booked_by, booked_by_role, created_at)
                SELECT CASE WHEN s.id = @SlotA THEN @A ELSE @B END, s.id, s.practitioner_id, s.starts_at, s.ends_at, 'sas', 'P', 'Q',
                       '1980-01-01', '0600000000', true, 'r', 'regulator', @Now
                FROM slots s WHERE s.id = ANY(@Slots);
                """, new { Slots = new[] { slotA, slotB }, SlotA = slotA, A = a, B = b, Now = app.Clock.GetUtcNow() });
        }

        await app.RunAsync(new PlanNotifications.Command([a]));
        Assert.Equal(3, (await app.NotificationsOfAsync(a)).Count);
        Assert.Empty(await app.NotificationsOfAsync(b));

        await app.RunAsync(new PlanNotifications.Command()); // the minute's run
        Assert.Equal(3, (await app.NotificationsOfAsync(b)).Count);
    }
}
