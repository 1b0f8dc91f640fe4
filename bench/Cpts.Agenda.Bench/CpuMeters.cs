using System.Globalization;

namespace Cpts.Agenda.Bench;

/// <summary>
/// CPU time (user + system) of the service process and of the whole PostgreSQL cluster, read from
/// <c>/proc</c> before and after a scenario's measured phase. A shared, loaded machine disturbs CPU time
/// far less than wall time, so "ms of CPU per request" compares runs where latency cannot.
/// The cluster's time is the postmaster's own and its reaped children's (cutime, cstime) plus every live
/// child's: a backend that closes during the phase is still counted. Linux only; loopback runs only.
/// </summary>
public sealed class CpuMeters(int? servicePid, int? postmasterPid)
{
    // USER_HZ: /proc reports times in clock ticks of 1/100 s on every Linux the bench runs on.
    private const double MsPerTick = 10.0;

    public static async Task<CpuMeters> FindAsync(int? servicePid, Npgsql.NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_backend_pid()", c);
        var backend = Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return new CpuMeters(servicePid, Stat(backend) is { } s ? s.ParentPid : null);
    }

    public Reading Read() => new(servicePid is { } s ? Stat(s)?.OwnTicks : null, postmasterPid is { } p ? ClusterTicks(p) : null);

    public readonly record struct Reading(long? ServiceTicks, long? ClusterTicks)
    {
        /// <summary>Milliseconds of CPU per request between two readings, for the service and for the cluster.</summary>
        public (double? Service, double? Database) PerRequest(Reading after, long requests) =>
            (Per(ServiceTicks, after.ServiceTicks, requests), Per(ClusterTicks, after.ClusterTicks, requests));

        private static double? Per(long? before, long? after, long requests) =>
            before is { } b && after is { } a && requests > 0 ? (a - b) * MsPerTick / requests : null;
    }

    private static long? ClusterTicks(int postmaster)
    {
        if (Stat(postmaster) is not { } main) return null;
        var total = main.OwnTicks + main.ReapedChildrenTicks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == postmaster) continue;
            if (Stat(pid) is { } child && child.ParentPid == postmaster) total += child.OwnTicks;
        }
        return total;
    }

    private sealed record ProcStat(int ParentPid, long OwnTicks, long ReapedChildrenTicks);

    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile, or not Linux
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)L(4), L(14) + L(15), L(16) + L(17));
    }
}
