using System.Reflection;

namespace Cpts.Agenda.Api.Web;

/// <summary>
/// The pages: Razor components rendered on the server (static rendering, enhanced navigation and
/// forms when JavaScript runs, plain links and forms when it does not), served by the service at
/// <c>/</c>. The shell lives here; each page lives in its feature's <c>Pages/</c> folder and sends
/// the same Mediator requests as the API.
/// </summary>
public static class WebPages
{
    public static WebApplicationBuilder AddWebPages(this WebApplicationBuilder builder)
    {
        // Run from its build output, the framework adds a GET/HEAD catch-all for files added after the build;
        // the pages have no such files, and as a GET-only candidate for every path it would turn any unknown
        // POST into 405 instead of 404.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        // blazor.web.js (enhanced navigation and forms).
        app.MapStaticAssets().ExcludeFromDescription();
        MapResource(app, "/site.css", "web.site.css", "text/css; charset=utf-8");
        MapResource(app, "/site.js", "web.site.js", "text/javascript; charset=utf-8");
        app.MapRazorComponents<App>().ExcludeFromDescription();
        return app;
    }

    private static void MapResource(WebApplication app, string path, string resource, string contentType)
    {
        var text = ReadResource(resource);
        app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Text(text, contentType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
