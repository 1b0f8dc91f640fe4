using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed record FreeInterval(DateTimeOffset Start, DateTimeOffset End);
