namespace Cpts.Agenda.Api.Features.Slots;

public sealed record SlotDto
{
    public Guid Id { get; init; }
    public Guid PractitionerId { get; init; }
    public Guid? SiteId { get; init; }
    public DateTimeOffset Start { get; init; }
    public DateTimeOffset End { get; init; }
    [ValuesFrom(typeof(SlotRules), nameof(SlotRules.Modes))] public string Mode { get; init; } = "";
    [ValuesFrom(typeof(SlotRules), nameof(SlotRules.Visibilities))] public string Visibility { get; init; } = "";
    public string Status { get; init; } = "";
}
