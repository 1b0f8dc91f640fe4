using System.Text.Json;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>Steps many tests share: publish a slot, book it.</summary>
public static class Steps
{
    /// <summary>A whole hour at least an hour from the app's clock, so slots never start in the past.</summary>
    public static DateTimeOffset NextHour(this AgendaApp app, int hoursAhead = 1)
    {
        var now = app.Clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(hoursAhead + 1);
    }

    public static async Task<Guid> PublishSlotAsync(this AgendaApp app, Guid practitionerId, DateTimeOffset start, int minutes = 20,
        Guid? siteId = null, string mode = "in-person", string visibility = "sas")
    {
        var response = await app.Practitioner(practitionerId).PostJsonAsync("/api/slots", new
        {
            practitionerId, start = Http.Iso(start), end = Http.Iso(start.AddMinutes(minutes)), siteId, mode, visibility,
        });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        return body.GetProperty("id").GetGuid();
    }

    public static object Patient(string firstName = "Paulette", string lastName = "Patiente", bool hasRegularDoctor = true, string? phone = "06 12 34 56 78") =>
        new { firstName, lastName, birthDate = "1961-04-12", phone, hasRegularDoctor };

    public static object Booking(Guid slotId, string channel = "sas", object? patient = null) =>
        new { slotId, patient = patient ?? Patient(), reason = "Fièvre depuis deux jours", channel };

    public static async Task<JsonElement> BookAsync(this AgendaApp app, HttpClient client, Guid slotId, string channel = "sas", object? patient = null)
    {
        var response = await client.PostJsonAsync("/api/bookings", Booking(slotId, channel, patient));
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A new GP publishes a teleconsultation slot at each of these times; the slots' ids in the same order.</summary>
    public static async Task<(PractitionerDto Gp, Guid[] SlotIds)> PublishTeleconsultationsAsync(this AgendaApp app, params DateTimeOffset[] starts)
    {
        var gp = await app.NewPractitionerAsync();
        var slotIds = new Guid[starts.Length];
        for (var i = 0; i < starts.Length; i++) slotIds[i] = await app.PublishSlotAsync(gp.Id, starts[i], mode: "teleconsultation");
        return (gp, slotIds);
    }

    /// <summary>A new GP (with this e-mail) publishes a teleconsultation slot; the regulator books it.</summary>
    public static async Task<(PractitionerDto Gp, Guid SlotId, Guid BookingId)> BookedSlotAsync(this AgendaApp app, int hoursAhead, string? email = null)
    {
        var gp = await app.NewPractitionerAsync(email: email);
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(hoursAhead), mode: "teleconsultation");
        return (gp, slotId, (await app.BookAsync(app.Regulator(), slotId)).Id());
    }

    /// <summary>A new GP (with these contact details) publishes a slot at a new practice; the regulator books it.</summary>
    public static async Task<(JsonElement Booking, Guid PractitionerId, DateTimeOffset Start)> BookWithNewPractitionerAsync(this AgendaApp app,
        int hoursAhead, string? email = null, string? phone = null, string lastName = "Testeur")
    {
        var gp = await app.NewPractitionerAsync(lastName: lastName, email: email, phone: phone);
        var site = await app.NewSiteAsync();
        var start = app.NextHour(hoursAhead);
        var booking = await app.BookAsync(app.Regulator(), await app.PublishSlotAsync(gp.Id, start, siteId: site.Id));
        return (booking, gp.Id, start);
    }
}
