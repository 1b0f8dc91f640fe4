namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>A Dapper row holding <c>s.site_id</c> and <see cref="SiteRef.Columns"/>: the site as people read it.</summary>
public abstract class SiteColumnsRow
{
    public Guid? SiteId { get; init; }
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SitePostalCode { get; init; }
    public string? SiteCity { get; init; }
    public string? SitePhone { get; init; }

    public SiteRef? Site => SiteRef.Of(SiteId, SiteName, SiteAddress, SitePostalCode, SiteCity, SitePhone);
}
