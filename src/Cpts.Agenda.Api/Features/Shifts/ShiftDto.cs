using System.Text.Json.Serialization;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// A shift as the API shows it: its Paris day, period, true instants and who holds it
/// (assigneeId is null while the shift is open; holiday is there on public holidays only).
/// </summary>
public sealed record ShiftDto(
    Guid Id, Guid SiteId, [property: ValuesFrom(typeof(Directory.Professions), nameof(Directory.Professions.All))] string Profession, DateOnly Date, string Period, string? Holiday,
    DateTimeOffset Start, DateTimeOffset End, [property: ValuesFrom(typeof(ListShifts), nameof(ListShifts.Statuses))] string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Guid? AssigneeId,
    SiteRef? Site = null, PractitionerRef? Assignee = null);
