using System.Globalization;
using System.Text.Json;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>Steps the shift tests share: generate a roster, pick a shift, read instants.</summary>
public static class ShiftSteps
{
    public static DateOnly Today(this AgendaApp app) => Paris.LocalDate(app.Clock.GetUtcNow());

    public static object Generation(DateOnly from, DateOnly to, string profession = "generalist", string? template = null) =>
        new { from = Http.Iso(from), to = Http.Iso(to), profession, template };

    /// <summary>Generates and returns the response's shifts.</summary>
    public static async Task<JsonElement[]> GenerateAsync(this AgendaApp app, Guid siteId, DateOnly from, DateOnly to,
        string profession = "generalist", string? template = null)
    {
        var response = await app.Coordinator().PostJsonAsync($"/api/sites/{siteId}/shifts/generate", Generation(from, to, profession, template));
        var body = await response.ShouldBe(HttpStatusCode.Created);
        return body.GetProperty("shifts").EnumerateArray().ToArray();
    }

    /// <summary>
    /// A new MMG site with the pdsa roster from today to the day after tomorrow, the evening of one of
    /// those days (days ahead of the app's clock) assigned to a new GP with that phone.
    /// </summary>
    public static async Task<(SiteDto Site, JsonElement[] Shifts, JsonElement Evening, PractitionerDto Gp)> RosterWithOneEveningAssignedAsync(
        this AgendaApp app, int eveningDaysAhead, string gpLastName, string phone)
    {
        var site = await app.NewSiteAsync("mmg");
        var today = app.Today();
        var shifts = await app.GenerateAsync(site.Id, today, today.AddDays(2), template: "pdsa");
        var gp = await app.NewPractitionerAsync("generalist", gpLastName, phone: phone);
        var evening = shifts.First(s => s.GetProperty("date").GetString() == Http.Iso(today.AddDays(eveningDaysAhead)) && s.GetProperty("period").GetString() == "evening");
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{evening.Id()}/assign", new { practitionerId = gp.Id })).ShouldBe(HttpStatusCode.OK);
        return (site, shifts, evening, gp);
    }

    /// <summary>A new MMG site with the roster of one day (days ahead of the app's clock); the day's evening shift.</summary>
    public static async Task<(Guid SiteId, JsonElement Evening)> EveningShiftAsync(this AgendaApp app, int daysAhead = 2, string profession = "generalist")
    {
        var site = await app.NewSiteAsync("mmg");
        var day = app.Today().AddDays(daysAhead);
        var shifts = await app.GenerateAsync(site.Id, day, day, profession, template: "pdsa");
        return (site.Id, shifts.Single(s => s.GetProperty("period").GetString() == "evening"));
    }

    public static DateTimeOffset Instant(this JsonElement e, string property) =>
        DateTimeOffset.Parse(e.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    public static string? Text(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    public static Guid? Assignee(this JsonElement e) =>
        e.GetProperty("assigneeId").ValueKind == JsonValueKind.Null ? null : e.GetProperty("assigneeId").GetGuid();

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) => client.PostAsync(url, null);
}
