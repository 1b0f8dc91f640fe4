using System.Text;
using System.Text.Json;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Reports;

public record IndicatorFigures(
    long SlotsPublished, long PractitionersPublishing, long SlotsBooked, long SlotsUnbooked, ChannelCounts BookingsByChannel,
    long Teleconsultations, IReadOnlyList<SiteCount> TeleconsultationsBySite, long ShiftsTotal, long ShiftsAssigned,
    double PatientsWithoutRegularDoctor);
