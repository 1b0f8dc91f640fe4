using System.Net.Http.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Directory;

public sealed class DirectoryTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private object PractitionerBody(string rpps, string profession = "generalist") =>
        new { rpps, firstName = "Rose", lastName = "Durand", profession, email = "rose@example.org", acceptsNewPatients = true, postalCode = "70170" };

    [Fact]
    public async Task Coordinator_creates_a_practitioner_that_everyone_authenticated_can_read()
    {
        var created = await app.Coordinator().PostJsonAsync("/api/practitioners", PractitionerBody(AgendaApp.NewRpps()));
        var body = await created.ShouldBe(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/practitioners/{id}", created.Headers.Location?.ToString());

        var read = await app.Regulator().GetAsync($"/api/practitioners/{id}");
        var practitioner = await read.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Durand", practitioner.GetProperty("lastName").GetString());
        Assert.True(practitioner.GetProperty("acceptsNewPatients").GetBoolean());
    }

    [Fact]
    public async Task A_duplicate_RPPS_returns_409()
    {
        var rpps = AgendaApp.NewRpps();
        await (await app.Coordinator().PostJsonAsync("/api/practitioners", PractitionerBody(rpps))).ShouldBe(HttpStatusCode.Created);
        var problem = await (await app.Coordinator().PostJsonAsync("/api/practitioners", PractitionerBody(rpps))).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("RPPS", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("10000000019")] // wrong check digit
    [InlineData("1234")]
    [InlineData("1000000001a")]
    public async Task An_RPPS_that_fails_its_check_returns_400_naming_the_field(string rpps)
    {
        var problem = await (await app.Coordinator().PostJsonAsync("/api/practitioners", PractitionerBody(rpps))).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rpps", out _));
    }

    [Fact]
    public async Task Missing_fields_are_all_listed()
    {
        var problem = await (await app.Coordinator().PostJsonAsync("/api/practitioners", new { rpps = AgendaApp.NewRpps(), profession = "astrologer" }))
            .ShouldBe(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("firstName", out _));
        Assert.True(errors.TryGetProperty("lastName", out _));
        Assert.True(errors.TryGetProperty("profession", out _));
    }

    [Fact]
    public async Task Only_the_coordinator_writes_the_directory()
    {
        var p = await app.NewPractitionerAsync();
        await (await app.Practitioner(p.Id).PostJsonAsync("/api/practitioners", PractitionerBody(AgendaApp.NewRpps()))).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().PostJsonAsync("/api/sites", new { name = "x" })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.CreateClient().PostJsonAsync("/api/practitioners", PractitionerBody(AgendaApp.NewRpps()))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_list_filters_by_profession_postal_code_and_new_patients_and_pages()
    {
        for (var i = 0; i < 3; i++)
            await (await app.Coordinator().PostJsonAsync("/api/practitioners", PractitionerBody(AgendaApp.NewRpps(), "midwife"))).ShouldBe(HttpStatusCode.Created);
        await app.NewPractitionerAsync("speech-therapist");

        var first = await (await app.Regulator().GetAsync("/api/practitioners?profession=midwife&postalCode=70170&acceptsNewPatients=true&limit=2")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await (await app.Regulator().GetAsync($"/api/practitioners?profession=midwife&postalCode=70170&acceptsNewPatients=true&limit=2&cursor={next}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.All(first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()),
            p => Assert.Equal("midwife", p.GetProperty("profession").GetString()));
    }

    [Fact]
    public async Task An_unknown_practitioner_is_404_and_a_limit_over_500_is_400()
    {
        await (await app.Regulator().GetAsync($"/api/practitioners/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Regulator().GetAsync("/api/practitioners?limit=501")).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sites_and_rooms_are_created_with_their_opening_hours()
    {
        var site = await app.NewSiteAsync("telemedicine");
        var response = await app.Coordinator().PostJsonAsync($"/api/sites/{site.Id}/rooms", new
        {
            name = "Salle 1",
            openingHours = new object[] { new { dayOfWeek = 1, start = "08:30", end = "12:30" }, new { dayOfWeek = "tuesday", start = "13:30", end = "17:30" } },
        });
        var room = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(30, room.GetProperty("slotMinutes").GetInt32());
        Assert.Equal(6, room.GetProperty("minPatientAge").GetInt32());
        Assert.Equal(2, room.GetProperty("openingHours")[1].GetProperty("dayOfWeek").GetInt32());

        var sites = await app.Regulator().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/sites?kind=telemedicine");
        Assert.Contains(sites.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == site.Id);
    }

    [Fact]
    public async Task A_room_of_an_unknown_site_is_404_and_bad_hours_are_400()
    {
        await (await app.Coordinator().PostJsonAsync($"/api/sites/{Guid.NewGuid()}/rooms", new { name = "Salle" })).ShouldBe(HttpStatusCode.NotFound);
        var site = await app.NewSiteAsync("telemedicine");
        var problem = await (await app.Coordinator().PostJsonAsync($"/api/sites/{site.Id}/rooms", new
        {
            name = "Salle", openingHours = new[] { new { dayOfWeek = 9, start = "12:00", end = "08:00" } },
        })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("openingHours[0].dayOfWeek", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("openingHours[0]", out _));
    }

    [Fact]
    public async Task A_site_with_impossible_coordinates_is_400()
    {
        var problem = await (await app.Coordinator().PostJsonAsync("/api/sites", new
        {
            name = "Nowhere", kind = "practice", address = "1 rue", postalCode = "70000", city = "Vesoul", latitude = 123.0, longitude = 6.1,
        })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("latitude", out _));
    }
}
