using System.Net.Http.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Directory;

public sealed class DirectoryEditTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_coordinator_replaces_a_practitioners_contact_details()
    {
        var gp = await app.NewPractitionerAsync(phone: "0600000000", email: "old@example.org");
        var body = await (await app.Coordinator().PutAsJsonAsync($"/api/practitioners/{gp.Id}/contact", new
        {
            email = "new@example.org", phone = "0611111111", postalCode = "70160", practiceName = "Cabinet du Centre",
            practiceAddress = "2 rue Gambetta", city = "Port-sur-Saône", practicePhone = "0384761010", acceptsNewPatients = true,
        })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("new@example.org", body.GetProperty("email").GetString());

        var read = await (await app.Regulator().GetAsync($"/api/practitioners/{gp.Id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("0611111111", read.GetProperty("phone").GetString());
        Assert.Equal("70160", read.GetProperty("postalCode").GetString());
        Assert.Equal("Cabinet du Centre", read.GetProperty("practiceName").GetString());
        Assert.Equal("2 rue Gambetta", read.GetProperty("practiceAddress").GetString());
        Assert.Equal("Port-sur-Saône", read.GetProperty("city").GetString());
        Assert.Equal("0384761010", read.GetProperty("practicePhone").GetString());
        Assert.True(read.GetProperty("acceptsNewPatients").GetBoolean());
        Assert.Equal(gp.Rpps, read.GetProperty("rpps").GetString());
    }

    [Fact]
    public async Task Bad_contact_details_are_400_unknown_ids_404_and_other_roles_403()
    {
        var gp = await app.NewPractitionerAsync();
        var problem = await (await app.Coordinator().PutAsJsonAsync($"/api/practitioners/{gp.Id}/contact", new { email = "nope", postalCode = "7000" }))
            .ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("postalCode", out _));
        await (await app.Coordinator().PutAsJsonAsync($"/api/practitioners/{Guid.NewGuid()}/contact", new { email = "a@b.fr" })).ShouldBe(HttpStatusCode.NotFound);
        await (await app.Practitioner(gp.Id).PutAsJsonAsync($"/api/practitioners/{gp.Id}/contact", new { email = "a@b.fr" })).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Nurse(Guid.NewGuid()).PostAsync($"/api/practitioners/{gp.Id}/deactivate", null)).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Coordinator().PostAsync($"/api/practitioners/{Guid.NewGuid()}/deactivate", null)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deactivated_practitioner_keeps_their_history_but_is_no_longer_listed_searched_or_bookable()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Depart");
        var site = await app.NewSiteAsync();
        var booked = await app.PublishSlotAsync(gp.Id, app.NextHour(2), siteId: site.Id);
        var booking = await app.BookAsync(app.Regulator(), booked);
        var free = await app.PublishSlotAsync(gp.Id, app.NextHour(3), siteId: site.Id);

        var body = await (await app.Coordinator().PostAsync($"/api/practitioners/{gp.Id}/deactivate", null)).ShouldBe(HttpStatusCode.OK);
        Assert.False(body.GetProperty("active").GetBoolean());

        // History stays: the practitioner, the booking and its slot are still read.
        Assert.False((await (await app.Regulator().GetAsync($"/api/practitioners/{gp.Id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("active").GetBoolean());
        await (await app.Coordinator().GetAsync($"/api/bookings/{booking.GetProperty("id").GetGuid()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("booked", (await (await app.Regulator().GetAsync($"/api/slots/{booked}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
        // Not listed, not searched, not bookable.
        Assert.Equal("withdrawn", (await (await app.Regulator().GetAsync($"/api/slots/{free}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
        var list = await (await app.Regulator().GetAsync("/api/practitioners?limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == gp.Id);
        var all = await (await app.Coordinator().GetAsync("/api/practitioners?includeInactive=true&search=depart&limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(all.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == gp.Id);
        var search = await (await app.Regulator().GetAsync("/api/availability?limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(search.GetProperty("items").EnumerateArray(), s => s.GetProperty("slotId").GetGuid() == free);
        var refused = await (await app.Practitioner(gp.Id).PostJsonAsync("/api/slots", new
        {
            practitionerId = gp.Id, start = Http.Iso(app.NextHour(5)), end = Http.Iso(app.NextHour(5).AddMinutes(20)), siteId = site.Id, mode = "in-person", visibility = "sas",
        })).ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no longer active", refused.GetProperty("detail").GetString());

        await (await app.Coordinator().PostAsync($"/api/practitioners/{gp.Id}/reactivate", null)).ShouldBe(HttpStatusCode.OK);
        await app.PublishSlotAsync(gp.Id, app.NextHour(5), siteId: site.Id);
        Assert.Empty(await app.InvariantViolationsAsync());
    }

    [Fact]
    public async Task A_deactivated_doctor_cannot_be_booked_for_a_teleconsultation()
    {
        var cabinet = await app.NewCabinetAsync();
        await (await app.Coordinator().PostAsync($"/api/practitioners/{cabinet.DoctorId}/deactivate", null)).ShouldBe(HttpStatusCode.OK);
        var problem = await (await app.Nurse(cabinet.NurseId).PostJsonAsync("/api/teleconsultations", cabinet.Body(app.At(10, 0))))
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no longer active", problem.GetProperty("detail").GetString());
    }
}
