namespace Cpts.Agenda.IntegrationTests.Features.Slots;

public sealed class PublishSeriesTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private DateOnly Day(int daysAhead) => Paris.LocalDate(app.Clock.GetUtcNow()).AddDays(daysAhead);

    private static object Series(Guid practitionerId, DateOnly firstDay, int[] weekdays, int weeks, string start = "11:00", string end = "12:00") => new
    {
        practitionerId, firstDay = Http.Iso(firstDay),
        start, end, slotMinutes = 20, weekdays, weeks, mode = "teleconsultation", visibility = "sas",
    };

    [Fact]
    public async Task A_series_repeated_on_two_weekdays_for_two_weeks_is_published_whole()
    {
        var gp = await app.NewPractitionerAsync();
        var first = Day(2);
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/series", Series(gp.Id, first, [Http.IsoDayOfWeek(first), Http.IsoDayOfWeek(first.AddDays(1))], 2));
        var body = await response.ShouldBe(HttpStatusCode.Created);
        var starts = body.GetProperty("slots").EnumerateArray().Select(s => Paris.ToLocal(s.GetProperty("start").GetDateTimeOffset())).ToList();
        Assert.Equal(12, starts.Count);
        Assert.Equal(Paris.ToInstant(first, new TimeOnly(11, 0)), starts[0]);
        Assert.Equal(Paris.ToInstant(first.AddDays(8), new TimeOnly(11, 40)), starts[^1]);
        Assert.Equal(12L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_series_with_one_clash_publishes_nothing_and_names_the_slot_and_why()
    {
        var gp = await app.NewPractitionerAsync();
        var first = Day(3);
        await app.PublishSlotAsync(gp.Id, Paris.ToInstant(first.AddDays(7), new TimeOnly(11, 30)), 20, mode: "teleconsultation");
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/series", Series(gp.Id, first, [], 2));
        var problem = await response.ShouldBe(HttpStatusCode.Conflict);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        // Second week: 11:20–11:40 (slots[4]) and 11:40–12:00 (slots[5]) overlap 11:30–11:50.
        Assert.Equal(["slots[4]", "slots[5]"], errors.Select(e => e.Name));
        Assert.All(errors, e => Assert.Contains("a published slot", e.Value[0].GetString()));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_bad_series_is_refused_naming_the_field_and_a_colleagues_series_is_forbidden()
    {
        var gp = await app.NewPractitionerAsync();
        var other = await app.NewPractitionerAsync();
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/series", Series(gp.Id, Day(2), [9], 1, end: "10:00"))).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("end", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("weekdays", out _));
        await (await app.Practitioner(other.Id).PostJsonAsync("/api/slots/series", Series(gp.Id, Day(2), [], 1))).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }
}
