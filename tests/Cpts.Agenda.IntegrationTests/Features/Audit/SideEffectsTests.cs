using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.IntegrationTests.Features.Notifications;
using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Audit;

/// <summary>
/// Audit and notification planning belong to the use case (Mediator pipeline), not to the API route:
/// a use case sent by a job, a page or a test leaves the same trail as one sent through the API.
/// </summary>
public sealed class SideEffectsTests(OutboxApp app) : IClassFixture<OutboxApp>
{
    [Fact]
    public async Task A_cancellation_sent_outside_the_API_is_audited_and_its_notices_planned()
    {
        var (_, _, bookingId) = await app.BookedSlotAsync(3, "side-effects@example.org");

        var cancelled = await app.RunAsync(new CancelBooking.Command(new Caller("coordinator-job", Roles.Coordinator, null), bookingId, null));

        Assert.True(cancelled.IsSuccess);
        await using var c = await app.OpenAsync();
        var row = await c.QuerySingleAsync<(string Actor, string ActorRole, string Outcome, int StatusCode, string? Ip)>(
            "SELECT actor, actor_role, outcome, status_code, ip FROM audit_events WHERE action = 'booking.cancel' AND object_id = @Id",
            new { Id = bookingId.ToString() });
        Assert.Equal(("system", "system", "done", 200, (string?)null), row);
        await NotificationsApp.WaitUntilAsync(async () => (await app.NotificationsOfAsync(bookingId)).Any(n => n.Kind == "booking-cancelled"),
            "the cancellation notices are planned");
    }

    [Fact]
    public async Task A_refused_use_case_sent_outside_the_API_is_audited_as_refused()
    {
        var (_, _, bookingId) = await app.BookedSlotAsync(4);
        var stranger = await app.NewPractitionerAsync();

        var refused = await app.RunAsync(new CancelBooking.Command(new Caller(stranger.Id.ToString(), Roles.Practitioner, stranger.Id), bookingId, null));

        Assert.Equal(ErrorKind.Forbidden, refused.Error?.Kind);
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE action = 'booking.cancel' AND object_id = @Id AND outcome = 'refused' AND status_code = 403",
            new { Id = bookingId.ToString() }));
    }
}
