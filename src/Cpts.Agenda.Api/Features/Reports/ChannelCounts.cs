namespace Cpts.Agenda.Api.Features.Reports;

public sealed record ChannelCounts(long Sas, long Nurse, long Pharmacist, long Practitioner, long Cpts);
