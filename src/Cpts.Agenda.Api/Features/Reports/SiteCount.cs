namespace Cpts.Agenda.Api.Features.Reports;

public sealed record SiteCount(Guid SiteId, long Count);
