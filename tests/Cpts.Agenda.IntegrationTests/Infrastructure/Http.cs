using System.Net.Http.Json;
using System.Text.Json;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts the status and that an error is a problem document; returns the body.</summary>
    public static async Task<JsonElement> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if ((int)status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement.Clone();
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            return problem;
        }
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A day as the pages' and the API's query strings write it.</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A day of the week as the API writes it: ISO 8601, Monday 1 to Sunday 7.</summary>
    public static int IsoDayOfWeek(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek;

    /// <summary>A from–to window of instants as a query string.</summary>
    public static string Window(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(Iso(from))}&to={Uri.EscapeDataString(Iso(to))}";

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    /// <summary>The ids of a page of results (its "items"), in order.</summary>
    public static List<Guid> ItemIds(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();

    /// <summary>Every page of a list (path with its query string), following "next" until it is null; at most 20 pages.</summary>
    public static async Task<List<JsonElement>> PagesAsync(this HttpClient client, string path)
    {
        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            Assert.True(pages.Count < 20, $"{path}: more than 20 pages, the cursor does not move on");
            var page = await (await client.GetAsync(path + (cursor is null ? "" : $"&cursor={cursor}"))).ShouldBe(HttpStatusCode.OK);
            pages.Add(page);
            cursor = page.GetProperty("next").GetString();
        } while (cursor is not null);
        return pages;
    }
}
