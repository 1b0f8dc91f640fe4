using System.Text;
using Ical.Net;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public static class FeedSteps
{
    public static async Task<(Guid Id, string Url)> CreateFeedAsync(this HttpClient client, string scope, Guid id)
    {
        var body = await (await client.PostJsonAsync("/api/feeds", new { scope, id })).ShouldBe(System.Net.HttpStatusCode.Created);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("url").GetString()!);
    }

    /// <summary>A new GP with a teleconsultation slot this many hours ahead subscribes to her own agenda: she and her feed's path.</summary>
    public static async Task<(Guid GpId, string Path)> NewGpFeedAsync(this AgendaApp app, int hoursAhead)
    {
        var gp = await app.NewPractitionerAsync();
        await app.PublishSlotAsync(gp.Id, app.NextHour(hoursAhead), mode: "teleconsultation");
        return (gp.Id, PathOf((await app.Practitioner(gp.Id).CreateFeedAsync("practitioner", gp.Id)).Url));
    }

    /// <summary>The path of a feed URL, for the in-process client.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    public static async Task<(string Text, Calendar Calendar)> ReadFeedAsync(this AgendaApp app, string url)
    {
        var response = await app.CreateClient().GetAsync(PathOf(url));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        return (text, Calendar.Load(text)!);
    }
}
