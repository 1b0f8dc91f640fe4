using System.Text.Json;
using Cpts.Agenda.Api.Features.Availability;
using Dapper;

namespace Cpts.Agenda.IntegrationTests.Features.Availability;

/// <summary>Each test works in its own day window, so tests of this class do not see each other's slots.</summary>
public sealed class SearchAvailabilityTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private async Task<JsonElement> Search(HttpClient client, string query) =>
        await (await client.GetAsync("/api/availability?" + query)).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task Free_slots_come_soonest_first_then_nearest_with_their_distance()
    {
        var vesoul = await app.NewSiteAsync(lat: 47.6236, lon: 6.1550);
        var port = await app.NewSiteAsync(lat: 47.6881, lon: 6.0500, postalCode: "70170", city: "Port-sur-Saône");
        var (a, b, c) = (await app.NewPractitionerAsync(), await app.NewPractitionerAsync(), await app.NewPractitionerAsync());
        var t = app.NextHour(24);
        var far = await app.PublishSlotAsync(a.Id, t, siteId: port.Id);
        var near = await app.PublishSlotAsync(b.Id, t, siteId: vesoul.Id);
        var earliest = await app.PublishSlotAsync(c.Id, t.AddMinutes(-30), siteId: port.Id);

        var page = await Search(app.Regulator(), $"{Http.Window(t.AddHours(-1), t.AddHours(1))}&near=47.62,6.15");
        var ids = Items(page).Select(i => i.GetProperty("slotId").GetGuid()).ToList();
        Assert.Equal([earliest, near, far], ids);
        var first = Items(page)[1];
        Assert.True(first.GetProperty("distanceKm").GetDouble() < 1);
        Assert.Equal("Vesoul", first.GetProperty("site").GetProperty("city").GetString());
        Assert.Equal(b.Id, first.GetProperty("practitioner").GetProperty("id").GetGuid());
        // What the regulator tells the patient: who, where, and the practice's phone.
        Assert.Equal($"{b.FirstName} {b.LastName}", first.GetProperty("practitioner").GetProperty("name").GetString());
        Assert.Equal("generalist", first.GetProperty("practitioner").GetProperty("profession").GetString());
        Assert.Equal(vesoul.Name, first.GetProperty("site").GetProperty("name").GetString());
        Assert.Equal("1 rue de Test", first.GetProperty("site").GetProperty("address").GetString());
        Assert.Equal("70000", first.GetProperty("site").GetProperty("postalCode").GetString());
        Assert.Equal("03 84 00 00 00", first.GetProperty("site").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task The_regulator_sees_only_SAS_slots_and_members_see_both()
    {
        var gp = await app.NewPractitionerAsync();
        var t = app.NextHour(48);
        var sas = await app.PublishSlotAsync(gp.Id, t, mode: "teleconsultation", visibility: "sas");
        var cpts = await app.PublishSlotAsync(gp.Id, t.AddHours(1), mode: "teleconsultation", visibility: "cpts");
        var window = Http.Window(t.AddHours(-1), t.AddHours(3));

        Assert.Equal([sas], Items(await Search(app.Regulator(), window)).Select(i => i.GetProperty("slotId").GetGuid()));
        Assert.Equal([sas, cpts], Items(await Search(app.As("nurse"), window)).Select(i => i.GetProperty("slotId").GetGuid()));
        Assert.Equal([sas, cpts], Items(await Search(app.Coordinator(), window)).Select(i => i.GetProperty("slotId").GetGuid()));
    }

    [Fact]
    public async Task Radius_postal_code_profession_and_mode_filter_the_slots()
    {
        var vesoul = await app.NewSiteAsync(lat: 47.6236, lon: 6.1550);
        var gray = await app.NewSiteAsync(lat: 47.4442, lon: 5.5917, postalCode: "70100", city: "Gray"); // ~45 km away
        var gp1 = await app.NewPractitionerAsync();
        var gp2 = await app.NewPractitionerAsync();
        var physio = await app.NewPractitionerAsync("physiotherapist");
        var t = app.NextHour(72);
        var inVesoul = await app.PublishSlotAsync(gp1.Id, t, siteId: vesoul.Id);
        var inGray = await app.PublishSlotAsync(gp2.Id, t, siteId: gray.Id);
        var home = await app.PublishSlotAsync(gp1.Id, t.AddHours(1), siteId: vesoul.Id, mode: "home-visit");
        var physioSlot = await app.PublishSlotAsync(physio.Id, t, siteId: vesoul.Id);
        var window = Http.Window(t.AddHours(-1), t.AddHours(3));

        Assert.Equal([inVesoul, home], Items(await Search(app.Regulator(), $"{window}&near=47.62,6.15&radiusKm=10")).Select(i => i.GetProperty("slotId").GetGuid()));
        Assert.Equal([inGray], Items(await Search(app.Regulator(), $"{window}&postalCode=70100")).Select(i => i.GetProperty("slotId").GetGuid()));
        Assert.Equal([physioSlot], Items(await Search(app.Regulator(), $"{window}&profession=physiotherapist")).Select(i => i.GetProperty("slotId").GetGuid()));
        Assert.Equal([home], Items(await Search(app.Regulator(), $"{window}&mode=home-visit")).Select(i => i.GetProperty("slotId").GetGuid()));
    }

    [Fact]
    public async Task Without_a_window_the_search_covers_the_next_24_hours()
    {
        var gp = await app.NewPractitionerAsync();
        var soon = await app.PublishSlotAsync(gp.Id, app.NextHour(2), mode: "teleconsultation");
        var tomorrowLate = await app.PublishSlotAsync(gp.Id, app.NextHour(30), mode: "teleconsultation");
        var ids = Items(await Search(app.Regulator(), "limit=500")).Select(i => i.GetProperty("slotId").GetGuid()).ToList();
        Assert.Contains(soon, ids);
        Assert.DoesNotContain(tomorrowLate, ids);
    }

    [Fact]
    public async Task Booked_and_withdrawn_slots_are_not_offered_and_a_cancelled_one_comes_back()
    {
        var t = app.NextHour(96);
        var (gp, slots) = await app.PublishTeleconsultationsAsync(t, t.AddHours(1));
        var (booked, withdrawn) = (slots[0], slots[1]);
        await (await app.Practitioner(gp.Id).DeleteAsync($"/api/slots/{withdrawn}")).ShouldBe(HttpStatusCode.NoContent);
        var booking = await app.BookAsync(app.Regulator(), booked);
        var window = Http.Window(t.AddHours(-1), t.AddHours(3));
        Assert.Empty(Items(await Search(app.Regulator(), window)));

        await (await app.Regulator().PostJsonAsync($"/api/bookings/{booking.GetProperty("id").GetGuid()}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([booked], Items(await Search(app.Regulator(), window)).Select(i => i.GetProperty("slotId").GetGuid()));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var site = await app.NewSiteAsync();
        var t = app.NextHour(120);
        var all = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var gp = await app.NewPractitionerAsync();
            all.Add(await app.PublishSlotAsync(gp.Id, t, siteId: site.Id));
            all.Add(await app.PublishSlotAsync(gp.Id, t.AddMinutes(30), siteId: site.Id));
        }
        var pages = await app.Regulator().PagesAsync($"/api/availability?{Http.Window(t.AddHours(-1), t.AddHours(2))}&near=47.6,6.1&limit=3");
        var seen = pages.SelectMany(Items).Select(i => i.GetProperty("slotId").GetGuid()).ToList();
        Assert.Equal(all.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task The_searches_the_service_runs_return_the_same_pages_as_the_plain_search()
    {
        // Six sites at different distances (two in Gray), siteless teleconsultations, CPTS-only slots,
        // and several slots at each start time so that the order within a start time counts.
        var sites = new List<Guid>();
        foreach (var (lat, lon, postalCode) in new[] { (47.6236, 6.1550, "70000"), (47.6881, 6.0500, "70170"), (47.4442, 5.5917, "70100"),
                     (47.4500, 5.6000, "70100"), (47.6300, 6.1600, "70000"), (47.9000, 6.5000, "70300") })
            sites.Add((await app.NewSiteAsync(lat: lat, lon: lon, postalCode: postalCode)).Id);
        var t = app.NextHour(150);
        for (var i = 0; i < 9; i++)
        {
            var gp = await app.NewPractitionerAsync();
            for (var k = 0; k < 3; k++)
            {
                var siteless = (i + k) % 4 == 3;
                await app.PublishSlotAsync(gp.Id, t.AddMinutes(20 * k), siteId: siteless ? null : sites[(i + k) % sites.Count],
                    mode: siteless || i % 3 == 1 ? "teleconsultation" : "in-person", visibility: (i + k) % 5 == 4 ? "cpts" : "sas");
            }
        }

        var regulator = new Caller("test-regulator", Roles.Regulator, null);
        var coordinator = new Caller("test-coordinator", Roles.Coordinator, null);
        string? w(DateTimeOffset x) => Http.Iso(x);
        var queries = new List<SearchAvailability.Query>();
        foreach (var caller in new[] { regulator, coordinator })
        foreach (var limit in new int?[] { 1, 2, 5, null })
        {
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, "47.62,6.15", 1, null, limit, null));
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, "47.62,6.15", 10, null, limit, null));
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, "47.62,6.15", 500, null, limit, null));
            queries.Add(new(caller, w(t.AddMinutes(20)), w(t.AddHours(2)), null, "teleconsultation", "47.62,6.15", 60, null, limit, null));
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, null, null, "70100", limit, null));
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, "47.45,5.6", 500, "70100", limit, null));
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, "47.62,6.15", null, null, limit, null));
            queries.Add(new(caller, w(t.AddHours(-1)), w(t.AddHours(2)), null, null, null, null, null, limit, null));
            queries.Add(new(caller, w(t.AddMinutes(20)), w(t.AddHours(2)), null, "teleconsultation", null, null, null, limit, null));
        }

        await using var c = await app.OpenAsync();
        var pages = 0;
        foreach (var query in queries)
        {
            var parsed = SearchAvailability.Parse(query, app.Clock.GetUtcNow());
            Assert.Null(parsed.Error);
            var criteria = parsed.Value!;
            var runs = SearchAvailability.SqlFor(criteria);
            Assert.Equal(query.Near is null && query.PostalCode is null ? SearchAvailability.AnywhereSql : SearchAvailability.PlaceSql, runs);
            for (var page = 0; page < 40; page++, pages++)
            {
                var plain = await Rows(c, SearchAvailability.Sql, criteria);
                Assert.Equal(plain.Select(r => r.Text), (await Rows(c, runs, criteria)).Select(r => r.Text));
                if (plain.Count <= criteria.Limit) break;
                criteria = criteria with { After = plain[criteria.Limit - 1].After };
            }
        }
        Assert.True(pages > queries.Count, "some searches take more than one page");
    }

    /// <summary>Each row as text (every column, doubles round-trip) and the cursor position it gives.</summary>
    private static async Task<List<(string Text, (DateTimeOffset, double, Guid) After)>> Rows(Npgsql.NpgsqlConnection c, string sql, SearchAvailability.Criteria criteria) =>
        (await c.QueryAsync(sql, SearchAvailability.Parameters(criteria))).Select(r =>
        {
            var columns = (IDictionary<string, object?>)r;
            var text = string.Join("|", columns.Select(kv => kv.Key + "=" + (kv.Value is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture))));
            return (text, (new DateTimeOffset(DateTime.SpecifyKind((DateTime)columns["starts_at"]!, DateTimeKind.Utc)),
                columns["distance_km"] as double? ?? double.PositiveInfinity, (Guid)columns["slot_id"]!));
        }).ToList();

    [Theory]
    [InlineData("near=abc")]
    [InlineData("radiusKm=5")]
    [InlineData("near=47.6,6.1&radiusKm=-1")]
    [InlineData("from=yesterday")]
    [InlineData("profession=wizard")]
    [InlineData("limit=0")]
    [InlineData("cursor=not-a-cursor")]
    public async Task Bad_search_input_returns_400(string query)
    {
        await (await app.Regulator().GetAsync("/api/availability?" + query)).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_secretary_does_not_search_slots()
    {
        await (await app.As("secretary").GetAsync("/api/availability")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetAsync("/api/availability")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
