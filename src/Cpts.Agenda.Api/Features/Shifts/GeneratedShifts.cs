using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Features.Shifts;

public sealed record GeneratedShifts(string Template, int Created, IReadOnlyList<ShiftDto> Shifts)
{
    /// <summary>Where the period's shifts are listed (the answer's Location header, not part of its body).</summary>
    [JsonIgnore]
    public string Location { get; init; } = "";
}
