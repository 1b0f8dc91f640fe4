namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>A swap request: the assignee asks another practitioner to take their shift.</summary>
public sealed record SwapRequestDto(
    Guid Id, Guid ShiftId, Guid FromPractitionerId, Guid ToPractitionerId, [property: ValuesFrom(typeof(ListSwapRequests), nameof(ListSwapRequests.Statuses))] string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, ShiftDto Shift);
