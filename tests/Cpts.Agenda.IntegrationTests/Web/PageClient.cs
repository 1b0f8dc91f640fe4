using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>A person's browser without JavaScript: cookies kept, redirects shown, forms posted with their antiforgery token.</summary>
public sealed partial class PageClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static PageClient For(AgendaApp app) => new(app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    }));

    public async Task<string> HtmlAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Reads the page's antiforgery token, then posts the form fields with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Token(await HtmlAsync(pagePath));
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__jeton", token))));
    }

    /// <summary>
    /// Submits a page's form as a browser would: every hidden field of the page (antiforgery token,
    /// form name, idempotency key…) plus the fields typed; returns the answer and the page it came from.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IEnumerable<KeyValuePair<string, string>> typed, string? action = null)
    {
        var html = await HtmlAsync(path);
        return await SubmitAsync(html, path, typed, action);
    }

    public Task<HttpResponseMessage> SubmitAsync(string html, string path, IEnumerable<KeyValuePair<string, string>> typed, string? action = null)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in HiddenInput().Matches(html)) fields[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
        foreach (var (key, value) in typed) fields[key] = value;
        return Http.PostAsync(action ?? path, new FormUrlEncodedContent(fields));
    }

    public static string Token(string html) =>
        TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>Development's one-click sign-in as a member.</summary>
    public async Task SignInAsync(Guid memberId, string returnTo = "/")
    {
        var response = await PostFormAsync("/connexion", "/connexion/demo", [new("membre", memberId.ToString()), new("retour", returnTo)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(returnTo, response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"__jeton\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
