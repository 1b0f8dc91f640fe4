namespace Cpts.Agenda.IntegrationTests.Reliability;

public sealed class TwoInstancesTests(AgendaApp first) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Two_instances_on_one_database_still_give_a_slot_to_exactly_one_booker()
    {
        await using var second = new SecondInstance(first.ConnectionString);
        await ((IAsyncLifetime)second).InitializeAsync();

        for (var round = 0; round < 5; round++)
        {
            var gp = await first.NewPractitionerAsync();
            var slotId = await first.PublishSlotAsync(gp.Id, first.NextHour(round + 1), mode: "teleconsultation");
            var attempts = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second)
                .As("regulator", subject: $"regulator-{i}").PostJsonAsync("/api/bookings", Steps.Booking(slotId)));
            var responses = await Task.WhenAll(attempts);
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.True(19 == responses.Count(r => r.StatusCode == HttpStatusCode.Conflict),
                string.Join("; ", await Task.WhenAll(responses.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                    .Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"))));
        }

        // Overlapping publications through both instances: one wins.
        var doctor = await first.NewPractitionerAsync();
        var start = first.NextHour(8);
        var publications = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).Practitioner(doctor.Id)
            .PostJsonAsync("/api/slots", new { practitionerId = doctor.Id, start = Http.Iso(start.AddMinutes(i)), end = Http.Iso(start.AddMinutes(i + 30)), mode = "teleconsultation", visibility = "sas" })));
        Assert.Equal(1, publications.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Empty(await first.InvariantViolationsAsync());
    }
}
