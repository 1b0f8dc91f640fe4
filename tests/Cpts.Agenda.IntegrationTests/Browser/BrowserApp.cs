using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>
/// The service on a real loopback port (Kestrel, Development, its own database, the test's clock) and
/// the machine's Chromium, headless, to drive it: one of each per test class. Each test opens its own
/// browser context (<see cref="BrowserTest"/>), so cookies never leak from one test to another.
/// </summary>
public class BrowserApp : AgendaApp
{
    /// <summary>Debian's package <c>chromium</c>; Playwright cannot download its own browsers here. <c>CHROMIUM</c> overrides it.</summary>
    public static string ChromiumPath => System.Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Generous bounds for a loaded 2-core machine: Playwright waits for elements up to this long, it never sleeps.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    /// <summary>
    /// Now, unless the day in Paris is nearly over: then tomorrow at 08:00 Paris, so that slots a few
    /// hours ahead are still "of the day" (the regulator's bookings of the day, the week being shown).
    /// </summary>
    protected override DateTimeOffset StartTime
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return Paris.ToLocal(now).Hour < 17 ? now : Paris.ToInstant(Paris.LocalDate(now).AddDays(1), new TimeOnly(8, 0));
        }
    }

    /// <summary>Where the service listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not say where it listens.");
        BaseAddress = new Uri(addresses.First());
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install the Debian package chromium (.ci/run does) or set CHROMIUM.");
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            Timeout = (float)Patience.TotalMilliseconds,
        });
    }

    /// <summary>A fresh browser context (no cookies) on the service; phone-sized when asked, without JavaScript when asked.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            JavaScriptEnabled = javaScript,
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = phone ? new() { Width = 375, Height = 740 } : new() { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Patience.TotalMilliseconds);
        if (!javaScript) Accessibility.WithoutJavaScript.Add(context, new object());
        return context;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _browser = null;
        _playwright = null;
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
