using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Cpts.Agenda.IntegrationTests.Browser;

public static class Accessibility
{
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

        var result = await page.RunAxe();
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
