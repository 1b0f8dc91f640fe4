namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>What every feed event reads of its row: the id (its UID), its times, and its site for LOCATION.</summary>
public abstract class FeedEventRow
{
    public Guid Id { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SiteCity { get; init; }
}
