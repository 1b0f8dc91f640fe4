using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

/// <summary>
/// A real HTTP server on 127.0.0.1 (free port) standing in for Google, Outlook and iCloud: it
/// serves the fixture files with an ETag (304 on If-None-Match), and whatever a test puts at a path.
/// </summary>
public sealed class CalendarServer : IAsyncLifetime
{
    private sealed record Document(byte[] Body, string ContentType, int Status = 200, string? Location = null);

    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _lastIfNoneMatch = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Features", "Calendars", "Fixtures"), "*.ics"))
            Set("/" + Path.GetFileName(file), File.ReadAllText(file));
        Set("/page.html", "<!doctype html><html><body>Connectez-vous</body></html>", "text/html; charset=utf-8");
        Set("/data.json", "{\"events\": []}", "application/json");
        Set("/not-a-calendar.txt", "Hello, this is not a calendar.", "text/plain");
        var big = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        while (big.Length < 6 * 1024 * 1024) big.Append("X-PADDING:").Append('x', 60).Append("\r\n");
        big.Append("END:VCALENDAR\r\n");
        Set("/big.ics", big.ToString());

        (_app, var address) = await LoopbackServer.StartAsync(app => app.Run(Serve));
        Port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Set(string path, string text, string contentType = "text/calendar; charset=utf-8", int status = 200) =>
        _documents[path] = new Document(Encoding.UTF8.GetBytes(text), contentType, status);

    /// <summary>A 302 to wherever the test says (file:///etc/passwd, another scheme, a malformed location).</summary>
    public void Redirect(string path, string location) => _documents[path] = new Document([], "text/plain", 302, location);

    public int Requests(string path) => _requests.GetValueOrDefault(path);

    public string? LastIfNoneMatch(string path) => _lastIfNoneMatch.GetValueOrDefault(path);

    private async Task Serve(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        _lastIfNoneMatch[path] = context.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } inm ? inm : null;
        if (!_documents.TryGetValue(path, out var doc))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (doc.Location is not null)
        {
            context.Response.StatusCode = doc.Status;
            context.Response.Headers.Location = doc.Location;
            return;
        }
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(doc.Body))[..16]}\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }
        context.Response.StatusCode = doc.Status;
        context.Response.ContentType = doc.ContentType;
        context.Response.ContentLength = doc.Body.Length;
        await context.Response.Body.WriteAsync(doc.Body);
    }
}
