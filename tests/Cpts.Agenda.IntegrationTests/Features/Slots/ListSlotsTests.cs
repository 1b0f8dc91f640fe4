using System.Text.Json;
using Cpts.Agenda.Api.Features.Slots;
using Mediator;

namespace Cpts.Agenda.IntegrationTests.Features.Slots;

public sealed class ListSlotsTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<Guid> SiteWithPhoneAsync()
    {
        var response = await app.Coordinator().PostJsonAsync("/api/sites", new
        {
            name = "Cabinet des Tilleuls", kind = "practice", address = "4 rue des Tilleuls", postalCode = "70000", city = "Vesoul",
            latitude = 47.62, longitude = 6.15, phone = "03 84 11 22 33",
        });
        return (await response.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_practitioner_lists_her_slots_with_the_booking_and_its_patient()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Listeuse");
        var siteId = await SiteWithPhoneAsync();
        var start = app.NextHour();
        var free = await app.PublishSlotAsync(gp.Id, start, siteId: siteId);
        var booked = await app.PublishSlotAsync(gp.Id, start.AddMinutes(30), siteId: siteId);
        var booking = await app.BookAsync(app.Regulator(), booked);

        var page = await (await app.Practitioner(gp.Id).GetAsync($"/api/slots?{Http.Window(start, start.AddHours(1))}")).ShouldBe(HttpStatusCode.OK);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([free, booked], items.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);

        Assert.Equal("free", items[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("booking").ValueKind);
        Assert.Equal("Alex Listeuse", items[0].GetProperty("practitioner").GetProperty("name").GetString());
        var site = items[0].GetProperty("site");
        Assert.Equal("Cabinet des Tilleuls", site.GetProperty("name").GetString());
        Assert.Equal("4 rue des Tilleuls", site.GetProperty("address").GetString());
        Assert.Equal("03 84 11 22 33", site.GetProperty("phone").GetString());

        Assert.Equal("booked", items[1].GetProperty("status").GetString());
        var summary = items[1].GetProperty("booking");
        Assert.Equal(booking.GetProperty("id").GetGuid(), summary.GetProperty("id").GetGuid());
        Assert.Equal("sas", summary.GetProperty("channel").GetString());
        Assert.Equal("regulator", summary.GetProperty("bookedByRole").GetString());
        Assert.True(summary.TryGetProperty("bookedAt", out _));
        Assert.Equal("Patiente", summary.GetProperty("patient").GetProperty("lastName").GetString());
        Assert.Equal("Fièvre depuis deux jours", summary.GetProperty("reason").GetString());

        var onlyBooked = await (await app.Practitioner(gp.Id).GetAsync($"/api/slots?status=booked&{Http.Window(start, start.AddHours(1))}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([booked], onlyBooked.ItemIds());
    }

    [Fact]
    public async Task A_second_practitioner_never_sees_the_first_ones_slots_or_patients()
    {
        var (gp, slotId, _) = await app.BookedSlotAsync(3);
        var other = await app.NewPractitionerAsync();

        await (await app.Practitioner(other.Id).GetAsync($"/api/slots?practitionerId={gp.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        var own = await (await app.Practitioner(other.Id).GetAsync("/api/slots?limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(own.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == slotId);
        await (await app.Regulator().GetAsync($"/api/slots?practitionerId={gp.Id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.As("nurse", other.Id).GetAsync("/api/slots")).ShouldBe(HttpStatusCode.Forbidden);

        var coordinator = await (await app.Coordinator().GetAsync($"/api/slots?practitionerId={gp.Id}")).ShouldBe(HttpStatusCode.OK);
        var item = Assert.Single(coordinator.GetProperty("items").EnumerateArray());
        Assert.Equal("Paulette", item.GetProperty("booking").GetProperty("patient").GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task One_slot_is_read_with_its_patient_by_its_practitioner_only()
    {
        var (gp, slotId, _) = await app.BookedSlotAsync(4);
        var other = await app.NewPractitionerAsync();
        using var scope = app.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        static Caller Gp(Guid id) => new(id.ToString(), Roles.Practitioner, id);

        var own = await mediator.Send(new ListSlots.One(Gp(gp.Id), slotId));
        Assert.Equal("Paulette", own.Value!.Booking!.Patient.FirstName);
        Assert.Equal(ErrorKind.Forbidden, (await mediator.Send(new ListSlots.One(Gp(other.Id), slotId))).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await mediator.Send(new ListSlots.One(Gp(gp.Id), Guid.NewGuid()))).Error!.Kind);
    }

    [Fact]
    public async Task Pages_of_slots_neither_repeat_nor_skip()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(5);
        var published = new List<Guid>();
        for (var i = 0; i < 7; i++) published.Add(await app.PublishSlotAsync(gp.Id, start.AddMinutes(15 * i), minutes: 10, mode: "teleconsultation"));

        var pages = await app.Practitioner(gp.Id).PagesAsync("/api/slots?limit=3");
        Assert.Equal(published, pages.SelectMany(Http.ItemIds));
        Assert.Equal(3, pages.Count);
    }

    [Fact]
    public async Task Bad_filters_are_refused_naming_the_field()
    {
        var gp = await app.NewPractitionerAsync();
        var client = app.Practitioner(gp.Id);
        foreach (var (query, field) in new[] { ("status=taken", "status"), ("from=yesterday", "from"), ("limit=0", "limit"), ("cursor=zzz", "cursor"), ("from=2026-05-02&to=2026-05-01", "to") })
        {
            var problem = await (await client.GetAsync($"/api/slots?{query}")).ShouldBe(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}");
        }
    }
}
