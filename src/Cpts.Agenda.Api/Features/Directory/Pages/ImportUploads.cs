using System.Text.RegularExpressions;

namespace Cpts.Agenda.Api.Features.Directory.Pages;

/// <summary>
/// The extraction the coordinator previewed, kept on this instance's disk until she confirms the
/// import (or for an hour): the page's second step names it by a random key instead of asking for the
/// file again. Copied and read as streams, never held in memory. On several instances without shared
/// temporary storage, a confirmation that reaches another instance asks for the file again.
/// </summary>
public static partial class ImportUploads
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static string Folder => Path.Combine(Path.GetTempPath(), "cpts-agenda-imports");

    /// <summary>Copies the upload to a new file; answers its key.</summary>
    public static async Task<string> SaveAsync(IFormFile file, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Folder);
        foreach (var old in new DirectoryInfo(Folder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < DateTime.UtcNow - Lifetime))
        {
            try { old.Delete(); } catch (IOException) { } // another request is reading it: the next save tries again
        }
        var key = Guid.NewGuid().ToString("N");
        await using var target = new FileStream(PathOf(key)!, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using var source = file.OpenReadStream();
        await source.CopyToAsync(target, ct);
        return key;
    }

    /// <summary>The kept file, or null when the key is not one of ours or the file is gone.</summary>
    public static Stream? Open(string? key) =>
        PathOf(key) is { } path && File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;

    public static void Delete(string? key)
    {
        if (PathOf(key) is { } path) File.Delete(path);
    }

    private static string? PathOf(string? key) => key is not null && Key().IsMatch(key) ? Path.Combine(Folder, key + ".txt") : null;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Key();
}
