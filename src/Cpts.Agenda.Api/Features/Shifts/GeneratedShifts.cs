using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Shifts;

public sealed record GeneratedShifts(string Template, int Created, IReadOnlyList<ShiftDto> Shifts);
