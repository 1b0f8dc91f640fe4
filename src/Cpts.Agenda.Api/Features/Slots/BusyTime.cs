using Cpts.Agenda.Api.Features.Telemedicine;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Slots;

public sealed record BusyTime(DateTimeOffset Start, DateTimeOffset End);
