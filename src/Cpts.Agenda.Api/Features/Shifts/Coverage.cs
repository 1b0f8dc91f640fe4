using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

public sealed record Coverage(Guid SiteId, DateTimeOffset From, DateTimeOffset To, int Total, int Assigned, IReadOnlyList<ShiftDto> Open)
{
    public SiteRef? Site { get; init; }
}
