using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Bookings;

/// <summary>
/// A cancellation and an outcome sent at the same moment for the same appointment: exactly one wins,
/// the other is a 409, and the appointment is never left cancelled with an outcome. The same for
/// bookings and teleconsultations (both go through AppointmentEnd). Its own app: the clock moves.
/// </summary>
public sealed class AppointmentEndRaceTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const int Appointments = 12;

    private async Task RaceAsync(string route, IReadOnlyList<Guid> ids, string table)
    {
        var client = app.Coordinator();
        var requests = ids.SelectMany(id => new[]
        {
            (Id: id, Kind: "cancel", Send: client.PostJsonAsync($"{route}/{id}/cancel", new { reason = "Imprévu" })),
            (Id: id, Kind: "outcome", Send: client.PostJsonAsync($"{route}/{id}/outcome", new { status = "attended" })),
        }).ToList();
        await Task.WhenAll(requests.Select(r => r.Send));

        foreach (var pair in requests.GroupBy(r => r.Id))
        {
            var answers = new List<(string Kind, HttpStatusCode Status, string Body)>();
            foreach (var r in pair) answers.Add((r.Kind, r.Send.Result.StatusCode, await r.Send.Result.Content.ReadAsStringAsync()));
            var seen = string.Join(" | ", answers.Select(a => $"{a.Kind} → {(int)a.Status} {a.Body}"));
            var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            var loser = Assert.Single(answers, a => a.Status != HttpStatusCode.OK);
            Assert.True(loser.Status == HttpStatusCode.Conflict, seen);
            Assert.True(loser.Body.Contains(winner.Kind == "cancel" ? "was cancelled" : "no longer be cancelled", StringComparison.Ordinal), seen);

            await using var c = await app.OpenAsync();
            var (status, outcome) = await c.QuerySingleAsync<(string, string?)>($"SELECT status, outcome FROM {table} WHERE id = @Id", new { Id = pair.Key });
            Assert.Equal(winner.Kind == "cancel" ? ("cancelled", (string?)null) : ("active", "attended"), (status, outcome));
        }
    }

    [Fact]
    public async Task A_booking_is_never_both_cancelled_and_given_an_outcome_by_parallel_requests()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(1);
        var bookings = new List<Guid>();
        for (var i = 0; i < Appointments; i++)
        {
            var slot = await app.PublishSlotAsync(gp.Id, start.AddMinutes(20 * i), mode: "teleconsultation");
            bookings.Add((await app.BookAsync(app.Regulator(), slot)).GetProperty("id").GetGuid());
        }
        app.Clock.Advance(TimeSpan.FromHours(6)); // every appointment has started

        await RaceAsync("/api/bookings", bookings, "bookings");
    }

    [Fact]
    public async Task A_teleconsultation_is_never_both_cancelled_and_given_an_outcome_by_parallel_requests()
    {
        var cabinet = await app.NewCabinetAsync();
        var teleconsultations = new List<Guid>();
        for (var i = 0; i < Appointments; i++)
            teleconsultations.Add((await app.BookTeleconsultationAsync(cabinet, app.At(13).AddMinutes(30 * i))).GetProperty("id").GetGuid());
        app.Clock.Advance(TimeSpan.FromDays(3)); // every teleconsultation has started

        await RaceAsync("/api/teleconsultations", teleconsultations, "teleconsultations");
    }
}
