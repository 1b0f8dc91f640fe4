using System.Runtime.CompilerServices;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Cpts.Agenda.IntegrationTests.Browser;

public static class Accessibility
{
    /// <summary>Contexts opened with JavaScript turned off: axe, a script, cannot run in their pages.</summary>
    internal static readonly ConditionalWeakTable<IBrowserContext, object> WithoutJavaScript = [];

    /// <summary>
    /// axe on the page; in a page without JavaScript, on the very same HTML served at the same address
    /// to a twin page that runs scripts (same viewport, so contrast, layout and landmarks are the same).
    /// </summary>
    private static async Task<AxeResult> AxeAsync(IPage page)
    {
        if (!WithoutJavaScript.TryGetValue(page.Context, out _)) return await page.RunAxe();
        var html = await page.ContentAsync();
        var twin = await page.Context.Browser!.NewContextAsync(new() { ViewportSize = page.ViewportSize is { } v ? new() { Width = v.Width, Height = v.Height } : null });
        try
        {
            var view = await twin.NewPageAsync();
            var url = page.Url.Split('#')[0];
            var served = false;
            await view.RouteAsync(u => u == url, route =>
            {
                served = true;
                return route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            });
            await view.GotoAsync(url);
            Assert.True(served, $"axe would not check the page without JavaScript at {url}");
            return await view.RunAxe();
        }
        finally
        {
            await twin.CloseAsync();
        }
    }

    /// <summary>Where the screenshots of the pages checked go: the test output (bin/…/screenshots), never committed.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// Saves a full-page screenshot as <c>screenshots/{name}.png</c> so a reviewer can look, then runs
    /// axe on the page as it is now and fails on any serious or critical violation, listing each with
    /// the elements concerned.
    /// </summary>
    public static async Task CheckAccessibilityAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

        var result = await AxeAsync(page).WaitAsync(BrowserApp.Patience);
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count == 0) return;
        var report = new StringBuilder($"axe: {blocking.Count} serious or critical violation(s) on {name} ({page.Url}):\n");
        foreach (var v in blocking)
        {
            report.Append($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})\n");
            foreach (var node in v.Nodes)
            {
                var why = node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message).Distinct();
                report.Append($"    {node.Target}: {node.Html}\n      {string.Join("\n      ", why)}\n");
            }
        }
        Assert.Fail(report.ToString());
    }
}
