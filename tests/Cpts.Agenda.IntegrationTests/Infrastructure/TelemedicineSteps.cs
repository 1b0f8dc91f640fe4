using System.Text.Json;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

public static class TelemedicineSteps
{
    /// <summary>Every day 08:00-12:00 and 13:00-20:00, so that tests choose days freely.</summary>
    public static object[] EveryDay() => Enumerable.Range(1, 7)
        .SelectMany(d => new object[] { new { dayOfWeek = d, start = "08:00", end = "12:00" }, new { dayOfWeek = d, start = "13:00", end = "20:00" } })
        .ToArray();

    public static async Task<Guid> NewRoomAsync(this AgendaApp app, Guid siteId, int slotMinutes = 30, int? minPatientAge = null, object[]? openingHours = null)
    {
        var response = await app.Coordinator().PostJsonAsync($"/api/sites/{siteId}/rooms", new
        {
            name = "Salle", slotMinutes, minPatientAge, openingHours = openingHours ?? EveryDay(),
        });
        return (await response.ShouldBe(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>A telemedicine site with one room open every day, a nurse and a GP of its own.</summary>
    public static async Task<Cabinet> NewCabinetAsync(this AgendaApp app, int slotMinutes = 30, int? minPatientAge = null, object[]? openingHours = null)
    {
        var site = await app.NewSiteAsync("telemedicine");
        var room = await app.NewRoomAsync(site.Id, slotMinutes, minPatientAge, openingHours);
        var nurse = await app.NewPractitionerAsync("nurse", "Infirmiere");
        var doctor = await app.NewPractitionerAsync("generalist", "Medecin");
        return new Cabinet(site.Id, room, nurse.Id, doctor.Id);
    }

    public static HttpClient Nurse(this AgendaApp app, Guid nurseId) => app.As(Roles.Nurse, nurseId);

    /// <summary>The Paris local date some days after the app's clock.</summary>
    public static DateOnly Day(this AgendaApp app, int daysAhead = 2) => Paris.LocalDate(app.Clock.GetUtcNow()).AddDays(daysAhead);

    public static DateTimeOffset At(this AgendaApp app, int hour, int minute = 0, int daysAhead = 2) =>
        Paris.ToInstant(app.Day(daysAhead), new TimeOnly(hour, minute));

    public static object Patient(string birthDate = "1950-06-01", bool hasRegularDoctor = false, string firstName = "Germaine", string lastName = "Patiente") =>
        new { firstName, lastName, birthDate, phone = "06 11 22 33 44", hasRegularDoctor };

    public static object Body(Guid? roomId, DateTimeOffset start, Guid nurseId, Guid doctorId, object? patient = null,
        DateTimeOffset? end = null, string? holder = null) =>
        new
        {
            roomId, start = Http.Iso(start), end = end is { } e ? Http.Iso(e) : null, nurseId, doctorId,
            patient = patient ?? Patient(), reason = "Toux et fièvre", holder,
        };

    public static object Body(this Cabinet cabinet, DateTimeOffset start, object? patient = null, DateTimeOffset? end = null, string? holder = null) =>
        Body(cabinet.RoomId, start, cabinet.NurseId, cabinet.DoctorId, patient, end, holder);

    public static Task<JsonElement> BookTeleconsultationAsync(this AgendaApp app, Cabinet cabinet, DateTimeOffset start) =>
        app.BookTeleconsultationAsync(cabinet.RoomId, cabinet.NurseId, cabinet.DoctorId, start);

    /// <summary>The nurse books a teleconsultation (no room: at the patient's home).</summary>
    public static async Task<JsonElement> BookTeleconsultationAsync(this AgendaApp app, Guid? roomId, Guid nurseId, Guid doctorId, DateTimeOffset start)
    {
        var response = await app.Nurse(nurseId).PostJsonAsync("/api/teleconsultations", Body(roomId, start, nurseId, doctorId));
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> AvailabilityAsync(this AgendaApp app, Guid roomId, DateOnly date, string? holder = null)
    {
        var url = $"/api/rooms/{roomId}/availability?date={date:yyyy-MM-dd}" + (holder is null ? "" : $"&holder={Uri.EscapeDataString(holder)}");
        return await (await app.Coordinator().GetAsync(url)).ShouldBe(HttpStatusCode.OK);
    }

    public static List<DateTimeOffset> FreeStarts(this JsonElement availability) =>
        availability.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("start").GetDateTimeOffset()).ToList();
}
