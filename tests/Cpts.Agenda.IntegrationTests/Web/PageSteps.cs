namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>What the page tests share: a member's signed-in browser, pages read and forms posted as a person does.</summary>
public static class PageSteps
{
    /// <summary>A new member with this role signs in through Development's one-click sign-in.</summary>
    public static async Task<PageClient> SignedInAsync(this AgendaApp app, string role, string name = "Membre Page", Guid? practitionerId = null,
        string returnTo = "/")
    {
        var page = PageClient.For(app);
        await page.SignInAsync(await app.NewMemberAsync(role, name, practitionerId: practitionerId), returnTo);
        return page;
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
}
