namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>A practitioner's busy calendar as the API shows it.</summary>
public sealed record BusyCalendarDto
{
    public Guid Id { get; init; }
    public Guid PractitionerId { get; init; }
    public string Kind { get; init; } = "";
    public string? Url { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ImportedAt { get; init; }
    public DateTimeOffset? FetchedAt { get; init; }
    public DateTimeOffset? NextFetchAt { get; init; }
    public string? LastError { get; init; }
    public int BusyTimes { get; init; }
    public IReadOnlyList<Guid>? WithdrawnSlots { get; init; }
    public IReadOnlyList<Guid>? ClashingBookedSlots { get; init; }

    /// <summary>The import found this calendar already there (same URL, or a file of the same content) and imported it again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool AlreadyThere { get; init; }
}
