using System.Net;
using Cpts.Agenda.Api.Infrastructure;
using Cpts.Agenda.IntegrationTests.Infrastructure;

namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>What the coordinator's page tests share: her signed-in browser, and pages read as she reads them.</summary>
public static class CoordinatorPages
{
    public static async Task<PageClient> CoordinatorAsync(this AgendaApp app, string name = "Coordinatrice Test")
    {
        var browser = PageClient.For(app);
        await browser.SignInAsync(await app.NewMemberAsync(Roles.Coordinator, name));
        return browser;
    }

    /// <summary>The page as a person reads it (the renderer writes some characters as entities).</summary>
    public static async Task<string> ReadAsync(this PageClient page, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        WebUtility.HtmlDecode(await page.HtmlAsync(path, expected));

    /// <summary>Posts one of the page's forms (its name in _handler) and reads the answer.</summary>
    public static async Task<string> PostAsync(this PageClient page, string path, HttpStatusCode expected, params (string Name, string Value)[] fields)
    {
        var response = await page.PostFormAsync(path, path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == expected, $"POST {path}: expected {(int)expected}, got {(int)response.StatusCode}: {html}");
        return html;
    }

    public static Task<string> PostAsync(this PageClient page, string path, params (string Name, string Value)[] fields) =>
        page.PostAsync(path, HttpStatusCode.OK, fields);

    /// <summary>The coordinator's pages, each closed to a nurse (the denied page) like the API behind them.</summary>
    public static readonly string[] Paths =
    [
        "/coordination/praticiens", "/coordination/import", "/coordination/sites", "/coordination/membres",
        "/coordination/gardes", "/coordination/indicateurs", "/coordination/journal", "/coordination/notifications",
    ];
}
