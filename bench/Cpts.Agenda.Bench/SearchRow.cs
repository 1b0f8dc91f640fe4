namespace Cpts.Agenda.Bench;

/// <summary>One row of the search, read the way the service reads it.</summary>
public sealed class SearchRow
{
    public Guid SlotId { get; init; }
    public DateTime StartsAt { get; init; }
    public DateTime EndsAt { get; init; }
    public string Mode { get; init; } = "";
    public Guid PractitionerId { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Profession { get; init; } = "";
    public Guid? SiteId { get; init; }
    public string? SiteName { get; init; }
    public string? SiteCity { get; init; }
    public double? DistanceKm { get; init; }
}
