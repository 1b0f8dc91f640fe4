namespace Cpts.Agenda.Api.Features.Reports;

public record IndicatorFigures(
    long SlotsPublished, long PractitionersPublishing, long SlotsBooked, long SlotsUnbooked, ChannelCounts BookingsByChannel,
    long Teleconsultations, IReadOnlyList<SiteCount> TeleconsultationsBySite, long ShiftsTotal, long ShiftsAssigned,
    double PatientsWithoutRegularDoctor);
