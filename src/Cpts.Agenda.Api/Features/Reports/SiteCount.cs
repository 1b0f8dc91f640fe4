using System.Text;
using System.Text.Json;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Reports;

public sealed record SiteCount(Guid SiteId, long Count);
