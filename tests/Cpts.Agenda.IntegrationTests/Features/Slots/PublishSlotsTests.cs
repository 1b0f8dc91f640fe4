namespace Cpts.Agenda.IntegrationTests.Features.Slots;

public sealed class PublishSlotsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static object Slot(Guid practitionerId, DateTimeOffset start, int minutes = 20, Guid? siteId = null, string mode = "teleconsultation") =>
        new { practitionerId, start = Http.Iso(start), end = Http.Iso(start.AddMinutes(minutes)), siteId, mode, visibility = "sas" };

    [Fact]
    public async Task A_GP_publishes_a_slot_and_reads_it_back_free_in_Paris_time()
    {
        var gp = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync();
        var start = app.NextHour();
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, start, siteId: site.Id, mode: "in-person"));
        var id = (await response.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var slot = await (await app.Regulator().GetAsync($"/api/slots/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("free", slot.GetProperty("status").GetString());
        Assert.Equal(site.Id, slot.GetProperty("siteId").GetGuid());
        var shown = slot.GetProperty("start").GetString()!;
        Assert.Equal(start, DateTimeOffset.Parse(shown, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"\+0[12]:00$", shown); // Europe/Paris offset, not UTC
    }

    [Fact]
    public async Task A_CPTS_only_slot_does_not_exist_for_the_regulator_and_the_SAS_platform()
    {
        var gp = await app.NewPractitionerAsync();
        var id = await app.PublishSlotAsync(gp.Id, app.NextHour(2), mode: "teleconsultation", visibility: "cpts");

        await (await app.Regulator().GetAsync($"/api/slots/{id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Sas().GetAsync($"/api/slots/{id}")).ShouldBe(HttpStatusCode.NotFound);
        foreach (var member in new[] { app.Coordinator(), app.Practitioner(gp.Id), app.As("nurse", Guid.NewGuid()) })
            Assert.Equal("cpts", (await (await member.GetAsync($"/api/slots/{id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task A_practitioner_cannot_publish_for_another_one()
    {
        var gp = await app.NewPractitionerAsync();
        var other = await app.NewPractitionerAsync();
        await (await app.Practitioner(other.Id).PostJsonAsync("/api/slots", Slot(gp.Id, app.NextHour()))).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().PostJsonAsync("/api/slots", Slot(gp.Id, app.NextHour()))).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_coordinator_publishes_for_any_practitioner()
    {
        var gp = await app.NewPractitionerAsync();
        await (await app.Coordinator().PostJsonAsync("/api/slots", Slot(gp.Id, app.NextHour()))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_overlapping_slot_of_the_same_practitioner_returns_409()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(2);
        await app.PublishSlotAsync(gp.Id, start, 30, mode: "teleconsultation");
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, start.AddMinutes(15)))).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("overlaps", problem.GetProperty("detail").GetString());
        // Back to back is fine: ranges are [start, end).
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, start.AddMinutes(30)))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_database_refuses_an_overlap_even_when_the_code_is_bypassed()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(3);
        await app.PublishSlotAsync(gp.Id, start, 30, mode: "teleconsultation");
        await using var c = await app.OpenAsync();
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Dapper.SqlMapper.ExecuteAsync(c, """
            INSERT INTO slots (id, practitioner_id, profession, starts_at, ends_at, mode, visibility, created_at, updated_at)
            VALUES (gen_random_uuid(), @Id, 'generalist', @Start, @End, 'teleconsultation', 'sas', now(), now())
            """, new { gp.Id, Start = start.AddMinutes(10), End = start.AddMinutes(40) }));
        Assert.Equal("23P01", e.SqlState);
    }

    [Fact]
    public async Task Of_parallel_overlapping_publications_exactly_one_succeeds()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(4);
        var attempts = Enumerable.Range(0, 12).Select(i =>
            app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, start.AddMinutes(i), 30))).ToList();
        var responses = await Task.WhenAll(attempts);
        var seen = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, seen);
        // Every loser is told why: the overlap, never a generic conflict, a 5xx or a deadlock.
        Assert.True(responses.Where(r => r.StatusCode != HttpStatusCode.Created).All(r => r.StatusCode == HttpStatusCode.Conflict), seen);
        Assert.Equal(11, seen.Split('\n').Count(line => line.Contains("The slot overlaps another commitment", StringComparison.Ordinal)));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_slot_in_the_past_or_beyond_the_horizon_returns_422()
    {
        var gp = await app.NewPractitionerAsync();
        var past = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, app.Clock.GetUtcNow().AddHours(-2)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("past", past.GetProperty("detail").GetString());
        var far = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, app.Clock.GetUtcNow().AddDays(31)))).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("30 days", far.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_slot_input_returns_400_listing_the_fields()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour();
        var problem = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", new
        {
            practitionerId = gp.Id, start = Http.Iso(start), end = Http.Iso(start.AddMinutes(-10)), mode = "drive-through", visibility = "everyone",
        })).ShouldBe(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("end", out _));
        Assert.True(errors.TryGetProperty("mode", out _));
        Assert.True(errors.TryGetProperty("visibility", out _));

        var noSite = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, start, mode: "in-person"))).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(noSite.GetProperty("errors").TryGetProperty("siteId", out _));
    }

    [Fact]
    public async Task Unknown_practitioner_or_site_returns_404()
    {
        await (await app.Coordinator().PostJsonAsync("/api/slots", Slot(Guid.NewGuid(), app.NextHour()))).ShouldBe(HttpStatusCode.NotFound);
        var gp = await app.NewPractitionerAsync();
        await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", Slot(gp.Id, app.NextHour(), siteId: Guid.NewGuid(), mode: "in-person"))).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Regulator().GetAsync($"/api/slots/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_batch_is_published_whole()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(5);
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/batch", new
        {
            slots = Enumerable.Range(0, 6).Select(i => Slot(gp.Id, start.AddMinutes(20 * i))).ToArray(),
        });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(6, body.GetProperty("slots").GetArrayLength());
        Assert.Equal(6L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_batch_with_one_overlap_publishes_nothing()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(6);
        await app.PublishSlotAsync(gp.Id, start.AddMinutes(60), 20, mode: "teleconsultation");
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/batch", new
        {
            slots = Enumerable.Range(0, 4).Select(i => Slot(gp.Id, start.AddMinutes(20 * i))).ToArray(), // the 4th overlaps
        });
        var problem = await response.ShouldBe(HttpStatusCode.Conflict);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
        var errors = problem.GetProperty("errors");
        var clash = Assert.Single(errors.EnumerateObject());
        Assert.Equal("slots[3]", clash.Name);
        Assert.Contains("a published slot", clash.Value[0].GetString());
        Assert.Contains(Cpts.Agenda.Api.Infrastructure.Paris.Format(start.AddMinutes(60)), clash.Value[0].GetString());
    }

    [Fact]
    public async Task A_refused_batch_names_each_slot_that_clashes_with_another_of_the_batch()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(9);
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/batch", new
        {
            slots = new[] { Slot(gp.Id, start), Slot(gp.Id, start.AddMinutes(40)), Slot(gp.Id, start.AddMinutes(10)) },
        });
        var problem = await response.ShouldBe(HttpStatusCode.Conflict);
        var clash = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("slots[2]", clash.Name);
        Assert.Equal("It overlaps slots[0] of this batch.", clash.Value[0].GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }

    [Fact]
    public async Task A_batch_with_one_bad_slot_publishes_nothing_and_names_it()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(7);
        var response = await app.Practitioner(gp.Id).PostJsonAsync("/api/slots/batch", new
        {
            slots = new[] { Slot(gp.Id, start), new { practitionerId = gp.Id, start = Http.Iso(start.AddHours(1)), end = Http.Iso(start.AddHours(1)), siteId = (Guid?)null, mode = "teleconsultation", visibility = "sas" } },
        });
        var problem = await response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("slots[1].end", out _));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE practitioner_id = @Id", new { gp.Id }));
    }
}
