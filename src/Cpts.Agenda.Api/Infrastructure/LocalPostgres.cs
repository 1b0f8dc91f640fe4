using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster in a folder, driven by the machine's initdb and pg_ctl.
/// Used by the service in Development when no connection string is set (under .data/),
/// and by the integration tests (a throwaway folder). PostgreSQL refuses to run as root,
/// so when the process is root the binaries run as the 'postgres' user.
/// </summary>
public sealed class LocalPostgres
{
    private const string User = "postgres";
    private readonly string _binDir;

    public LocalPostgres(string dataDirectory, int port, string? binDirectory = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
        _binDir = binDirectory ?? FindBinDirectory()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL (apt-get install postgresql) " +
                "or set ConnectionStrings__Agenda to an existing database.");
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Include Error Detail=true";

    /// <summary>initdb if the folder is new, then start the server if it is not running. True when this call started it.</summary>
    public bool Start()
    {
        Directory.CreateDirectory(DataDirectory);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            GiveToPostgresUser(DataDirectory);
            Run("initdb", $"-D \"{DataDirectory}\" -U {User} --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync");
        }
        if (IsRunning()) return false;
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=on -c max_connections=500";
        Run("pg_ctl", $"-D \"{DataDirectory}\" -l \"{Path.Combine(DataDirectory, "server.log")}\" -w -t 60 -o \"{options}\" start");
        return true;
    }

    public void Stop(string mode = "fast")
    {
        if (IsRunning()) Run("pg_ctl", $"-D \"{DataDirectory}\" -m {mode} -w stop");
    }

    public bool IsRunning() => Run("pg_ctl", $"-D \"{DataDirectory}\" status", throwOnError: false) == 0;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string? FindBinDirectory()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                return dir;
        }
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static void GiveToPostgresUser(string directory)
    {
        if (!IsRoot) return;
        RunProcess("chown", $"-R {User}:{User} \"{directory}\"", throwOnError: true);
        RunProcess("chmod", $"700 \"{directory}\"", throwOnError: true);
    }

    private int Run(string tool, string arguments, bool throwOnError = true)
    {
        var path = Path.Combine(_binDir, tool);
        return IsRoot
            ? RunProcess("runuser", $"-u {User} -- \"{path}\" {arguments}", throwOnError)
            : RunProcess(path, arguments, throwOnError);
    }

    private static int RunProcess(string file, string arguments, bool throwOnError)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Read both streams before waiting: a full pipe would block the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        return process.ExitCode;
    }
}
