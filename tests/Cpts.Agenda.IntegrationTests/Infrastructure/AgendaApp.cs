using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cpts.Agenda.Api.Features.Directory;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>
/// The service in process (Development environment, no demo data) on its own database, with the
/// clock under the test's control. One per test class.
/// </summary>
public class AgendaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public AgendaApp() => Clock = new FakeTimeProvider(StartTime);

    public FakeTimeProvider Clock { get; }

    /// <summary>Where the agenda's clock starts: now, unless a subclass needs a fixed date (calendar fixtures).</summary>
    protected virtual DateTimeOffset StartTime => DateTimeOffset.UtcNow;
    public string ConnectionString { get; private set; } = "";
    protected virtual string Environment => "Development";
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// Whether the host runs Hangfire servers. Off unless a class needs its background jobs (notifications,
    /// crashed job processes, the log safety run): jobs are still enqueued and recurring jobs registered,
    /// nothing runs them, and a test that needs a use case of a job sends it itself.
    /// </summary>
    protected virtual bool RunsJobs => false;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        StartServer(); // start the host now (the in-process server, or Kestrel when a subclass asks): migrations run here, not inside the first test
        _started = true;
    }

    /// <summary>The database this app runs on: by default a fresh copy of the migrated template.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// <summary>Rows of db/checks/invariants.sql: each one a broken invariant. Empty when all hold.</summary>
    public async Task<List<string>> InvariantViolationsAsync()
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "checks", "invariants.sql"));
        await using var c = await OpenAsync();
        var rows = await c.QueryAsync<(string Violation, string Detail)>(sql);
        return rows.Select(r => $"{r.Violation}: {r.Detail}").ToList();
    }

    /// <summary>(route, status) pairs this host answered: the document must declare each (checked when the host is disposed).</summary>
    public Contract.Observed Observed { get; } = new();

    async Task IAsyncLifetime.DisposeAsync()
    {
        var undeclared = new List<string>();
        try
        {
            if (_started) undeclared = Contract.Undeclared(await Contract.DocumentAsync(Services), Observed.All);
        }
        finally
        {
            await DisposeAsync();
        }
        // xunit reports a fixture's failure as a class cleanup failure without its message: print it too.
        if (undeclared.Count > 0) Console.Error.WriteLine($"{GetType().Name}: answers /openapi/v1.json does not declare:\n{string.Join('\n', undeclared)}");
        Assert.True(undeclared.Count == 0,
            "Answers that /openapi/v1.json does not declare (add .ProducesProblem(status) to the route, or fix the answer):\n" + string.Join('\n', undeclared));
    }

    private bool _started;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Agenda", ConnectionString);
        builder.UseSetting("Agenda:DemoData", "false");
        // Abuse limits count in minutes of the test's clock, which stands still: a test class would run into them
        // after enough requests. Only the classes about them turn them on (Reliability/: TightLimitsApp, ShippedLimitsApp, BehindProxyApp).
        builder.UseSetting("Agenda:RateLimits:Enabled", "false");
        // A test host that runs Hangfire servers runs them on its own database: few workers, quick polling.
        builder.UseSetting("Agenda:Jobs:RunServers", RunsJobs ? "true" : "false");
        builder.UseSetting("Agenda:Jobs:WorkerCount", "2");
        builder.UseSetting("Agenda:Jobs:HousekeepingWorkerCount", "1");
        builder.UseSetting("Agenda:Jobs:QueuePollInterval", "00:00:00.250");
        builder.UseSetting("Agenda:Jobs:ShutdownTimeout", "00:00:02");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter>(new Contract.RecordStatuses(Observed));
            ConfigureServices(services);
        });
    }

    /// <summary>What a test host puts in place of the real services (a substitute sender, a counting source…).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public IConfiguration Configuration => Services.GetRequiredService<IConfiguration>();

    public HttpClient As(string role, Guid? practitionerId = null, string? subject = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Auth.Issue(Configuration, role, practitionerId, subject));
        return client;
    }

    public HttpClient Coordinator() => As(Roles.Coordinator);
    public HttpClient Regulator() => As(Roles.Regulator);
    public HttpClient Practitioner(Guid id) => As(Roles.Practitioner, id);
    public HttpClient Sas() => As(Roles.Sas, subject: "sas-platform");

    /// <summary>Runs a use case directly, as its Hangfire job would.</summary>
    public async Task<T> RunAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await OpenAsync();
        return await c.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("No value");
    }

    private static int _rppsCounter = Random.Shared.Next(1, 400_000);

    /// <summary>A fresh valid RPPS, unique within the run.</summary>
    public static string NewRpps()
    {
        var firstTen = "1" + Interlocked.Increment(ref _rppsCounter).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return firstTen + Rpps.CheckDigit(firstTen);
    }

    public async Task<PractitionerDto> NewPractitionerAsync(string profession = "generalist", string lastName = "Testeur", string? phone = null, string? email = null)
    {
        var response = await Coordinator().PostAsJsonAsync("/api/practitioners", new
        {
            rpps = NewRpps(), firstName = "Alex", lastName, profession, phone, email, postalCode = "70000",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PractitionerDto>())!;
    }

    public async Task<SiteDto> NewSiteAsync(string kind = "practice", double lat = 47.6236, double lon = 6.1550, string postalCode = "70000", string city = "Vesoul")
    {
        var response = await Coordinator().PostAsJsonAsync("/api/sites", new
        {
            name = $"Site {Guid.NewGuid():N}"[..13], kind, address = "1 rue de Test", postalCode, city, latitude = lat, longitude = lon, phone = "03 84 00 00 00",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SiteDto>())!;
    }
}
