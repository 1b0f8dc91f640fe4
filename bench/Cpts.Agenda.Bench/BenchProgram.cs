using System.Globalization;
using System.Net.Http.Headers;
using Cpts.Agenda.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>
/// The bench console. Subcommands:
///   seed     --connection CS [--practitioners 2000 --sites 50 --days 30 --slots-per-day 10] [--recreate]
///   explain  --connection CS
///   load     --url http://127.0.0.1:PORT --connection CS [--duration 10s --warmup 2s --clients 1,16,64 --booking-clients 64 --pid N --scenarios search,pages,bookings,feed,fhir]
///   startup  --dll path/Cpts.Agenda.Api.dll --connection CS --label TEXT [--runs 3 --recreate-each]
///   machine  [--connection CS]
///   pg-start --dir DIR [--port PORT] (prints the connection string)   /   pg-stop --dir DIR   /   free-port
/// Every subcommand prints markdown; --report FILE appends it to FILE too.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var o = Options.Parse(args.Skip(1));
        try
        {
            var markdown = args[0] switch
            {
                "seed" => await SeedAsync(o),
                "explain" => await ExplainAsync(o),
                "load" => await LoadAsync(o),
                "startup" => await StartupAsync(o),
                "render-feed" => RenderFeed(o),
                "machine" => await MachineAsync(o),
                "pg-start" => PgStart(o),
                "pg-stop" => PgStop(o),
                "free-port" => FreePort(),
                _ => throw new ArgumentException($"Unknown subcommand '{args[0]}'.\n{Usage}"),
            };
            if (markdown.Length == 0) return 0;
            Console.WriteLine(markdown);
            if (o.Get("report") is { } report)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
                await File.AppendAllTextAsync(report, markdown + Environment.NewLine);
            }
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NpgsqlException or TimeoutException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"bench {args[0]}: {e.Message}");
            return 1;
        }
    }

    private const string Usage = """
        usage: Cpts.Agenda.Bench <seed|explain|load|startup|machine|pg-start|pg-stop> [options]
          seed     --connection CS [--practitioners 2000 --sites 50 --days 30 --slots-per-day 10] [--recreate]
          explain  --connection CS
          load     --url http://127.0.0.1:PORT --connection CS [--duration 10s --warmup 2s --clients 1,16,64 --booking-clients 64 --pid N --scenarios search,pages,bookings,feed,fhir]
          startup  --dll path/Cpts.Agenda.Api.dll --connection CS --label TEXT [--runs 3 --recreate-each]
          machine  [--connection CS]
          pg-start --dir DIR --port PORT
          pg-stop  --dir DIR
          free-port
        every subcommand prints markdown; --report FILE also appends it to FILE.
        """;

    private static async Task<string> SeedAsync(Options o)
    {
        var cs = o.Required("connection");
        if (o.Flag("recreate")) await Seeder.RecreateDatabaseAsync(cs);
        else await Seeder.CreateDatabaseIfMissingAsync(cs);
        var options = new SeedOptions(o.Int("practitioners", 2000), o.Int("sites", 50), o.Int("days", 30), o.Int("slots-per-day", 10));
        var result = await Seeder.SeedAsync(cs, options, Console.Out);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: done in {result.Elapsed.TotalSeconds:0.0} s"));
        return result.ToMarkdown(options);
    }

    private static async Task<string> ExplainAsync(Options o)
    {
        await using var db = NpgsqlDataSource.Create(o.Required("connection"));
        Database.ConfigureDapper();
        return Explain.ToMarkdown(await Explain.RunAsync(db));
    }

    private static async Task<string> MachineAsync(Options o)
    {
        if (o.Get("connection") is not { } cs) return await Machine.DescribeAsync(null);
        await using var db = NpgsqlDataSource.Create(cs);
        return await Machine.DescribeAsync(db);
    }

    private static async Task<string> LoadAsync(Options o)
    {
        var url = new Uri(o.Required("url"));
        if (!System.Net.IPAddress.TryParse(url.Host, out var ip) || !System.Net.IPAddress.IsLoopback(ip))
            throw new ArgumentException("The load driver only targets a loopback address (http://127.0.0.1:PORT).");
        var settings = new LoadSettings(
            o.Get("clients", "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            LoadRunner.ParseDuration(o.Get("duration", "10s")), LoadRunner.ParseDuration(o.Get("warmup", "2s")),
            o.Int("booking-clients", 64), ServicePid: o.Get("pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            SigningKey: o.Get("signing-key"))
        {
            Only = o.Get("scenarios") is { } only ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) : null,
        };

        Database.ConfigureDapper();
        // The floors prepare their statements as the service does (MaxAutoPrepare, Infrastructure/Database.cs):
        // unprepared, PostgreSQL would plan each search again, a cost the service no longer pays.
        var floor = new NpgsqlConnectionStringBuilder(o.Required("connection")) { MaxAutoPrepare = 100 };
        await using var db = NpgsqlDataSource.Create(floor.ConnectionString);
        settings = settings with { Cpu = await CpuMeters.FindAsync(settings.ServicePid, db) };
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false };
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var regulator = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        regulator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RegulatorToken(o.Get("signing-key")));

        // The pages: a browser's requests, each carrying its session cookie; a redirect (to the sign-in page) is an answer, not followed.
        using var pageHandler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false, AllowAutoRedirect = false };
        using var pages = new HttpClient(pageHandler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

        var report = await LoadBench.RunAsync(settings, regulator, anonymous, pages, db, Console.Out);
        return string.Create(CultureInfo.InvariantCulture,
            $"Load settings: {settings.Duration.TotalSeconds:0.#} s per scenario after {settings.WarmUp.TotalSeconds:0.#} s of warm-up, clients {string.Join(", ", settings.Clients)}, bookings with {settings.BookingClients} clients.\n\n") + report.ToMarkdown();
    }

    /// <summary>A regulator token signed with the development key, as POST /auth/dev-token issues it.</summary>
    public static string RegulatorToken(string? signingKey = null)
    {
        var values = new Dictionary<string, string?>();
        if (signingKey is not null) values["Auth:DevSigningKey"] = signingKey;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return Auth.Issue(config, Roles.Regulator, null, "bench-regulator");
    }

    private static string RenderFeed(Options o)
    {
        var artifacts = o.Get("artifacts", Path.Combine(Path.GetTempPath(), "cpts-bench-artifacts"))!;
        FeedRenderBenchmark.Run(artifacts);
        var md = Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-github.md").FirstOrDefault();
        return md is null ? "" : "## Feed rendering in process (BenchmarkDotNet)\n\n" + File.ReadAllText(md);
    }

    private static async Task<string> StartupAsync(Options o)
    {
        var dll = o.Required("dll");
        var cs = o.Required("connection");
        var label = o.Get("label", "database");
        var runs = new List<StartupRun>();
        for (var i = 0; i < o.Int("runs", 3); i++)
        {
            if (o.Flag("recreate-each")) await Seeder.RecreateDatabaseAsync(cs);
            runs.Add(await StartupProbe.MeasureAsync(dll, cs, label, Console.Out));
        }
        return StartupProbe.ToMarkdown(runs);
    }

    private static string FreePort()
    {
        Console.WriteLine(LocalPostgres.FreePort().ToString(CultureInfo.InvariantCulture));
        return "";
    }

    private static string PgStart(Options o)
    {
        var port = o.Int("port", 0);
        var pg = new LocalPostgres(o.Required("dir"), port == 0 ? LocalPostgres.FreePort() : port);
        pg.Start();
        Console.WriteLine(pg.ConnectionString());
        return "";
    }

    private static string PgStop(Options o)
    {
        new LocalPostgres(o.Required("dir"), o.Int("port", 0)).Stop();
        return "";
    }

    private sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

        public static Options Parse(IEnumerable<string> args)
        {
            var o = new Options();
            string? key = null;
            foreach (var a in args)
            {
                if (a.StartsWith("--", StringComparison.Ordinal))
                {
                    if (key is not null) o._flags.Add(key);
                    key = a[2..];
                }
                else if (key is not null)
                {
                    o._values[key] = a;
                    key = null;
                }
                else
                {
                    throw new ArgumentException($"Unexpected argument '{a}'.");
                }
            }
            if (key is not null) o._flags.Add(key);
            return o;
        }

        public string? Get(string key) => _values.GetValueOrDefault(key);
        public string Get(string key, string fallback) => _values.GetValueOrDefault(key) ?? fallback;
        public bool Flag(string key) => _flags.Contains(key);
        public string Required(string key) => Get(key) ?? throw new ArgumentException($"--{key} is required.\n{Usage}");
        public int Int(string key, int fallback) => Get(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}
