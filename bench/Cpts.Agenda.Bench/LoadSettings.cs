namespace Cpts.Agenda.Bench;

public sealed record LoadSettings(int[] Clients, TimeSpan Duration, TimeSpan WarmUp, int BookingClients = 64, int ContendedSlots = 100,
    int AttemptsPerContender = 10, int? ServicePid = null, string? SigningKey = null)
{
    /// <summary>The groups of scenarios to run (search, pages, bookings, feed, fhir); all when not given.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Reads the service's and PostgreSQL's CPU time around each measured phase.</summary>
    public CpuMeters? Cpu { get; init; }

    public bool Runs(string group) => Only is null || Only.Contains(group);
}
