using System.Text.Json.Serialization;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Directory;

public sealed record RoomDto(Guid Id, Guid SiteId, string Name, int SlotMinutes, int MinPatientAge, IReadOnlyList<OpeningInterval> OpeningHours);
