using Hl7.Fhir.Model;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// What the SAS reads and searches share: the searchset Bundle and its self link, the identifier tokens
/// (<c>[system|]value</c>, the national identifier "8" + RPPS) and the 404 of a read.
/// </summary>
public static class FhirSearch
{
    /// <summary>The URL as requested, under the public FHIR base: a searchset's self link.</summary>
    public static string SelfUrl(HttpRequest request, SasResources resources) =>
        $"{resources.FhirBase}{request.Path.Value?[("/fhir".Length)..]}{request.QueryString}";

    /// <summary>A searchset Bundle of the matches, each with its full URL and search mode <c>match</c>.</summary>
    public static Bundle Searchset(string selfUrl, SasResources resources, IEnumerable<Resource> matches)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Searchset,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = selfUrl }],
        };
        foreach (var resource in matches)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{resources.FhirBase}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        bundle.Total = bundle.Entry.Count;
        return bundle;
    }

    /// <summary>A token of an identifier parameter, <c>[system|]value</c>: the system when one is given that is not the RPPS's (else null), and the value.</summary>
    public static (string? OtherSystem, string Value) IdentifierToken(string token)
    {
        var bar = token.IndexOf('|');
        var system = bar >= 0 ? token[..bar] : "";
        return (system.Length > 0 && system != SasResources.RppsSystem ? system : null, token[(bar + 1)..]);
    }

    /// <summary>The RPPS of a national practitioner identifier ("8" + RPPS, 12 digits), or null: an ADELI ("0" + ADELI) or anything else is none.</summary>
    public static string? Rpps(string value) =>
        value.Length == 12 && value[0] == '8' && value.All(char.IsAsciiDigit) ? value[1..] : null;

    /// <summary>404 of a read: <c>{type}/{id}: {why}.</c>, the id cut to 64 characters.</summary>
    public static Error NotFound(string type, string id, string why) =>
        new(ErrorKind.NotFound, "Not found", $"{type}/{Cut(id, 64)}: {why}.");

    /// <summary>A value of the request quoted in a diagnostic, cut to <paramref name="max"/> characters.</summary>
    public static string Cut(string s, int max) => s.Length > max ? s[..max] + "…" : s;
}
