namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>A site as a person reads an answer: where it is and how to call it.</summary>
public sealed record SiteRef(Guid Id, string Name, string Address, string PostalCode, string City, string? Phone)
{
    /// <summary>The columns SiteRef.Of reads, from sites aliased <c>st</c>.</summary>
    public const string Columns = "st.name AS site_name, st.address AS site_address, st.postal_code AS site_postal_code, st.city AS site_city, st.phone AS site_phone";

    public static SiteRef? Of(Guid? id, string? name, string? address, string? postalCode, string? city, string? phone) =>
        id is { } v ? new SiteRef(v, name ?? "", address ?? "", postalCode ?? "", city ?? "", phone) : null;
}
