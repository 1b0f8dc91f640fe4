using System.Text.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

public sealed class GenerateShiftsTests(NightShiftsApp app) : IClassFixture<NightShiftsApp>
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static string[] PeriodsOn(JsonElement[] shifts, DateOnly date) =>
        shifts.Where(s => s.GetProperty("date").GetString() == Http.Iso(date)).Select(s => s.GetProperty("period").GetString()!).ToArray();

    [Fact]
    public async Task May_2026_gets_Sunday_periods_on_its_four_weekday_holidays()
    {
        var site = await app.NewSiteAsync("mmg");
        var shifts = await app.GenerateAsync(site.Id, D(2026, 5, 1), D(2026, 5, 31));

        // 17 ordinary weekdays × 1 + 5 Saturdays × 2 + (5 Sundays + 4 weekday holidays) × 2
        Assert.Equal(45, shifts.Length);
        Assert.All(shifts, s => Assert.Equal("open", s.GetProperty("status").GetString()));
        Assert.Equal(["day", "evening"], PeriodsOn(shifts, D(2026, 5, 1)));   // Fête du travail, Friday
        Assert.Equal(["day", "evening"], PeriodsOn(shifts, D(2026, 5, 14)));  // Ascension (Easter 5 April + 39)
        Assert.Equal(["day", "evening"], PeriodsOn(shifts, D(2026, 5, 25)));  // Whit Monday (Easter + 50)
        Assert.Equal(["evening"], PeriodsOn(shifts, D(2026, 5, 13)));
        Assert.Equal(["afternoon", "evening"], PeriodsOn(shifts, D(2026, 5, 2)));
        var ascension = shifts.First(s => s.GetProperty("date").GetString() == "2026-05-14");
        Assert.Equal("Ascension", ascension.Text("holiday"));
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 6, 0, 0, TimeSpan.Zero), ascension.Instant("start")); // 08:00 CEST
        Assert.Equal(new DateTimeOffset(2026, 5, 14, 18, 0, 0, TimeSpan.Zero), ascension.Instant("end"));
        Assert.EndsWith("+02:00", ascension.GetProperty("start").GetString());
    }

    [Fact]
    public async Task May_2027_follows_its_own_Easter_and_a_Saturday_holiday_gets_Sunday_periods()
    {
        var site = await app.NewSiteAsync("mmg");
        var shifts = await app.GenerateAsync(site.Id, D(2027, 5, 1), D(2027, 5, 31));

        // Easter 2027 is 28 March: Ascension 6 May, Whit Monday 17 May; 1 and 8 May are Saturdays.
        Assert.Equal(43, shifts.Length);
        Assert.Equal(["day", "evening"], PeriodsOn(shifts, D(2027, 5, 6)));
        Assert.Equal(["day", "evening"], PeriodsOn(shifts, D(2027, 5, 17)));
        Assert.Equal(["day", "evening"], PeriodsOn(shifts, D(2027, 5, 1)));
        Assert.Equal(["afternoon", "evening"], PeriodsOn(shifts, D(2027, 5, 15)));
        Assert.Equal(["evening"], PeriodsOn(shifts, D(2027, 5, 14))); // Ascension in 2026, an ordinary Friday in 2027
        Assert.Equal(["evening"], PeriodsOn(shifts, D(2027, 5, 25))); // Whit Monday in 2026, an ordinary Tuesday in 2027
    }

    [Fact]
    public async Task Regenerating_an_overlapping_period_never_duplicates_a_shift()
    {
        var site = await app.NewSiteAsync("mmg");
        var first = await app.Coordinator().PostJsonAsync($"/api/sites/{site.Id}/shifts/generate", ShiftSteps.Generation(D(2027, 2, 1), D(2027, 2, 28)));
        var firstBody = await first.ShouldBe(HttpStatusCode.Created);
        var february = firstBody.GetProperty("created").GetInt32();
        Assert.Equal(february, firstBody.GetProperty("shifts").GetArrayLength());

        var again = await (await app.Coordinator().PostJsonAsync($"/api/sites/{site.Id}/shifts/generate", ShiftSteps.Generation(D(2027, 2, 1), D(2027, 2, 28))))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(firstBody.GetProperty("shifts").EnumerateArray().Select(s => s.Id()), again.GetProperty("shifts").EnumerateArray().Select(s => s.Id()));

        // Overlapping: the second half of February again plus March, four times in parallel.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            app.Coordinator().PostJsonAsync($"/api/sites/{site.Id}/shifts/generate", ShiftSteps.Generation(D(2027, 2, 15), D(2027, 3, 31)))));
        var bodies = await Task.WhenAll(responses.Select(r => r.ShouldBe(HttpStatusCode.Created)));
        var march = bodies.Sum(b => b.GetProperty("created").GetInt32());
        var expectedMarch = (await app.GenerateAsync(site.Id, D(2027, 3, 1), D(2027, 3, 31))).Length;
        Assert.Equal(expectedMarch, march);
        var total = await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = @Id", new { site.Id });
        Assert.Equal(february + expectedMarch, total);
    }

    [Fact]
    public async Task On_the_autumn_change_Sunday_08_00_local_is_07_00Z_and_the_night_before_lasts_13_hours()
    {
        var site = await app.NewSiteAsync("mmg");
        var sunday = await app.GenerateAsync(site.Id, D(2026, 10, 25), D(2026, 10, 25));
        var day = sunday.Single(s => s.GetProperty("period").GetString() == "day");
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), day.Instant("start"));
        Assert.Equal("2026-10-25T08:00:00+01:00", day.GetProperty("start").GetString());

        var nights = await app.GenerateAsync(site.Id, D(2026, 10, 24), D(2026, 10, 24), template: "night");
        var night = Assert.Single(nights);
        Assert.Equal("2026-10-24T20:00:00+02:00", night.GetProperty("start").GetString());
        Assert.Equal("2026-10-25T08:00:00+01:00", night.GetProperty("end").GetString());
        Assert.Equal(TimeSpan.FromHours(13), night.Instant("end") - night.Instant("start"));

        // The assignee's commitment has the same true length.
        var gp = await app.NewPractitionerAsync();
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{night.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        var hours = await app.ScalarAsync<double>(
            "SELECT extract(epoch FROM upper(during) - lower(during)) / 3600 FROM commitments WHERE source_id = @Id", new { Id = night.Id() });
        Assert.Equal(13, hours);
    }

    [Fact]
    public async Task On_the_spring_change_the_night_lasts_11_hours_and_Sunday_08_00_local_is_06_00Z()
    {
        var site = await app.NewSiteAsync("mmg");
        var night = Assert.Single(await app.GenerateAsync(site.Id, D(2026, 3, 28), D(2026, 3, 28), template: "night"));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 19, 0, 0, TimeSpan.Zero), night.Instant("start"));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), night.Instant("end"));
        Assert.Equal(TimeSpan.FromHours(11), night.Instant("end") - night.Instant("start"));

        var sunday = await app.GenerateAsync(site.Id, D(2026, 3, 29), D(2026, 3, 29));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), sunday.Single(s => s.GetProperty("period").GetString() == "day").Instant("start"));
    }

    [Fact]
    public async Task Physiotherapists_get_bronchiolitis_shifts_on_weekends_and_holidays_in_season_only()
    {
        var site = await app.NewSiteAsync("mmg");
        var november = await app.GenerateAsync(site.Id, D(2026, 11, 1), D(2026, 11, 30), profession: "physiotherapist");
        // 9 weekend days (1 Nov is a Sunday, then the 7th to the 29th) and 11 Nov, a Wednesday holiday.
        Assert.Equal(10, november.Length);
        Assert.All(november, s => Assert.Equal("physiotherapist", s.GetProperty("profession").GetString()));
        Assert.Contains(november, s => s.GetProperty("date").GetString() == "2026-11-11");
        Assert.Empty(await app.GenerateAsync(site.Id, D(2026, 5, 1), D(2026, 5, 31), profession: "physiotherapist"));
    }

    [Fact]
    public async Task Only_the_coordinator_generates_and_only_for_an_MMG_site()
    {
        var mmg = await app.NewSiteAsync("mmg");
        var body = ShiftSteps.Generation(D(2027, 1, 4), D(2027, 1, 10));
        var gp = await app.NewPractitionerAsync();
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/sites/{mmg.Id}/shifts/generate", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Secretary).PostJsonAsync($"/api/sites/{mmg.Id}/shifts/generate", body)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostJsonAsync($"/api/sites/{mmg.Id}/shifts/generate", body)).ShouldBe(HttpStatusCode.Unauthorized);

        var practice = await app.NewSiteAsync("practice");
        var rule = await (await app.Coordinator().PostJsonAsync($"/api/sites/{practice.Id}/shifts/generate", body)).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("MMG", rule.GetProperty("detail").GetString());
        await (await app.Coordinator().PostJsonAsync($"/api/sites/{Guid.NewGuid()}/shifts/generate", body)).ShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = ANY(@Ids)", new { Ids = new[] { mmg.Id, practice.Id } }));
    }

    [Fact]
    public void A_malformed_template_in_configuration_stops_the_service_at_start_up()
    {
        using var bad = app.WithWebHostBuilder(b => b.UseSetting("Agenda:Shifts:Templates:broken:Weekday:0:Start", "25:00"));
        var e = Assert.ThrowsAny<Exception>(() => bad.Server);
        Assert.Contains("broken", e.ToString());
    }

    [Fact]
    public async Task Bad_generation_input_returns_400_naming_the_field()
    {
        var site = await app.NewSiteAsync("mmg");
        var url = $"/api/sites/{site.Id}/shifts/generate";
        async Task<JsonElement> Errors(object body) =>
            (await (await app.Coordinator().PostJsonAsync(url, body)).ShouldBe(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True((await Errors(new { from = "2027-01-10", to = "2027-01-01", profession = "generalist" })).TryGetProperty("to", out _));
        Assert.True((await Errors(new { from = "2027-01-01", to = "2028-01-02", profession = "generalist" })).TryGetProperty("to", out _));
        Assert.True((await Errors(new { from = "2027-01-01", to = "2027-01-02" })).TryGetProperty("profession", out _));
        Assert.True((await Errors(new { from = "2027-01-01", to = "2027-01-02", profession = "astronaut" })).TryGetProperty("profession", out _));
        Assert.True((await Errors(new { from = "2027-01-01", to = "2027-01-02", profession = "generalist", template = "nope" })).TryGetProperty("template", out _));
        Assert.True((await Errors(new { to = "2027-01-02", profession = "generalist" })).TryGetProperty("from", out _));
        await (await app.Coordinator().PostJsonAsync(url, new { from = "2027-02-30", to = "2027-03-02", profession = "generalist" })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True((await Errors(new { from = "9999-12-31", to = "9999-12-31", profession = "generalist" })).TryGetProperty("from", out _));
        Assert.True((await Errors(new { from = "0001-01-01", to = "0001-01-02", profession = "generalist" })).TryGetProperty("from", out _));
        // No template is configured for nurses: the request must name one.
        var noTemplate = await (await app.Coordinator().PostJsonAsync(url, new { from = "2027-01-01", to = "2027-01-02", profession = "nurse" })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("template", noTemplate.GetProperty("detail").GetString());
        await (await app.Coordinator().PostJsonAsync(url, new { from = "2027-01-01", to = "2027-01-02", profession = "nurse", template = "pdsa" })).ShouldBe(HttpStatusCode.Created);
        // A whole year (366 days) is fine.
        await (await app.Coordinator().PostJsonAsync(url, new { from = "2028-01-01", to = "2028-12-31", profession = "physiotherapist" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = @Id AND profession = 'generalist'", new { site.Id }));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = @Id AND profession = 'nurse' AND template <> 'pdsa'", new { site.Id }));
    }
}
