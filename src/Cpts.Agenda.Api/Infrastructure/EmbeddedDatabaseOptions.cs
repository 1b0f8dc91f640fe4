namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Agenda:EmbeddedDatabase — where the Development-only private cluster lives (<see cref="EmbeddedDevelopmentDatabase"/>).</summary>
public sealed class EmbeddedDatabaseOptions
{
    public const string Section = "Agenda:EmbeddedDatabase";

    /// <summary>The cluster's folder; when not set, .data/ at the repository root.</summary>
    public string? Directory { get; set; }

    /// <summary>The cluster's port; when not set, the port it used last, else 55432.</summary>
    public int? Port { get; set; }
}
