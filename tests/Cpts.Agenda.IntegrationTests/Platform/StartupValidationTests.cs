using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>
/// A bad configuration refuses to start, with a one-line reason naming the key, instead of a service
/// that answers 500 on every route (/health/live included).
/// </summary>
public sealed class StartupValidationTests
{
    private sealed class ConfiguredApp(string environment, IReadOnlyDictionary<string, string?> settings, string connectionString)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Agenda", connectionString);
            builder.UseSetting("Agenda:DemoData", "false");
            builder.UseSetting("Agenda:PublicBaseUrl", "https://agenda.cpts-test.fr");
            builder.UseSetting("Agenda:Jobs:ShutdownTimeout", "00:00:02");
            builder.UseSetting("Agenda:Jobs:RunServers", "false"); // a test that needs them says so
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    private static readonly Dictionary<string, string?> GoodAuth = new()
    {
        ["Auth:Authority"] = "https://auth.example.invalid/realms/cpts",
        ["Auth:Audience"] = "cpts-agenda",
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, string key, string? value) =>
        new(settings) { [key] = value };

    public static TheoryData<string, Dictionary<string, string?>, string> BadConfigurations => new()
    {
        { "Production", With(GoodAuth, "Auth:Authority", "http://auth.example.invalid/realms/cpts"), "Auth:Authority must be https://" },
        { "Production", With(GoodAuth, "Auth:Authority", null), "Auth:Authority is required outside Development" },
        { "Production", With(GoodAuth, "Auth:Audience", null), "Auth:Audience is required" },
        { "Development", new() { ["Auth:Authority"] = "not a url" }, "Auth:Authority must be an absolute" },
        { "Development", new() { ["Auth:DevSigningKey"] = "short" }, "Auth:DevSigningKey must be at least 32 bytes" },
        { "Production", With(GoodAuth, "Sas:AllowedSubjects:0", " "), "Sas:AllowedSubjects holds an empty" },
        { "Production", With(GoodAuth, "Sas:ClientCa", "/nonexistent/ca.pem"), "Sas:ClientCa names a file that does not exist" },
        { "Production", With(GoodAuth, "Sas:AppointmentEndpoint", "http://sas.example.invalid/fhir"), "Sas:AppointmentEndpoint must be an absolute https://" },
        { "Development", new() { ["Agenda:Calendars:MaxFetchBytes"] = "0" }, "Agenda:Calendars:MaxFetchBytes must be between" },
        { "Development", new() { ["Agenda:Calendars:FetchTimeoutSeconds"] = "-5" }, "Agenda:Calendars:FetchTimeoutSeconds must be between" },
        { "Development", new() { ["Agenda:Calendars:RefreshMinutes"] = "0" }, "Agenda:Calendars:RefreshMinutes must be between" },
        { "Development", new() { ["Agenda:PublicBaseUrl"] = "agenda.example.org" }, "Agenda:PublicBaseUrl must be an absolute http(s) URL" },
        { "Production", With(GoodAuth, "Agenda:PublicBaseUrl", ""), "Agenda:PublicBaseUrl is not set" },
        { "Development", new() { ["Auth:Session:Hours"] = "0" }, "Auth:Session:Hours must be" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task A_bad_configuration_refuses_to_start_with_a_one_line_reason(string environment, Dictionary<string, string?> settings, string reason)
    {
        using var app = new ConfiguredApp(environment, settings, await TestDatabase.CreateAsync());
        var refused = Record.Exception(() => app.Server);
        Assert.NotNull(refused);
        var validation = Flatten(refused).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(validation is not null, $"refused by options validation, not by: {refused}");
        var line = Assert.Single(validation.Failures, f => f.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task A_good_production_configuration_starts_and_answers_health()
    {
        using var app = new ConfiguredApp("Production", With(GoodAuth, "Agenda:Jobs:RunServers", "true"), await TestDatabase.CreateAsync());
        var response = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        if (e is AggregateException aggregate)
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        else if (e.InnerException is { } inner)
            foreach (var x in Flatten(inner)) yield return x;
    }
}
