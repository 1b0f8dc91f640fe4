using Cpts.Agenda.IntegrationTests.Web;
using Microsoft.Playwright;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>
/// A test class driving pages in Chromium: each test gets a new browser context and a page in it
/// (<see cref="Page"/>), closed after the test. More people in one test (a GP, then a regulator):
/// <see cref="NewPageAsync"/>, each in a context of its own.
/// </summary>
public abstract class BrowserTest(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserApp App { get; } = app;

    /// <summary>The test's first page, with JavaScript, desktop-sized.</summary>
    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Page = await NewPageAsync();

    /// <summary>A page in a new context: another person, a browser without JavaScript, a phone.</summary>
    protected async Task<IPage> NewPageAsync(bool javaScript = true, bool phone = false)
    {
        var context = await App.NewContextAsync(javaScript, phone);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Development's one-click sign-in (<c>/connexion</c>) as a new member with this role and unique name; checks the page with axe.</summary>
    protected async Task<Guid> SignInAsNewMemberAsync(IPage page, string role, string name, Guid? practitionerId = null)
    {
        var member = await App.NewMemberAsync(role, name, practitionerId);
        await page.GotoAsync("/connexion");
        await page.CheckAccessibilityAsync("connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        return member;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }
}
