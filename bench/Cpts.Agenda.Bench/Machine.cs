using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>The machine the numbers come from.</summary>
public static class Machine
{
    public static async Task<string> DescribeAsync(NpgsqlDataSource? db)
    {
        string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
        var cpu = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = Read("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } m
            ? long.Parse(new string(m.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture) : 0;
        var os = Read("/etc/os-release")?.Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        var load = Read("/proc/loadavg")?.Trim() ?? "unknown";
        var pg = "not connected";
        if (db is not null)
        {
            await using var c = await db.OpenConnectionAsync();
            pg = await c.ExecuteScalarAsync<string>("SHOW server_version") ?? "unknown";
            var settings = await c.QueryAsync<(string Name, string Setting, string? Unit)>(
                "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_connections', 'fsync', 'synchronous_commit') ORDER BY name");
            pg += " (" + string.Join(", ", settings.Select(s => $"{s.Name}={s.Setting}{s.Unit}")) + ")";
        }
        return $"""
            ## Machine

            | | |
            |---|---|
            | CPU | {cpu}, {Environment.ProcessorCount} cores seen by .NET |
            | memory | {memKb / 1024.0 / 1024.0:0.0} GiB |
            | OS | {os} ({RuntimeInformation.OSArchitecture}) |
            | .NET | {RuntimeInformation.FrameworkDescription} |
            | PostgreSQL | {pg} |
            | load average when measured (1, 5, 15 min) | {load} |

            """;
    }
}
