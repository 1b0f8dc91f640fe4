namespace Cpts.Agenda.Api.Web;

/// <summary>
/// A path a person could have typed for a page: not under the API's, FHIR's, feeds', jobs' or
/// framework's prefixes, not a file. Unknown page paths get the French "page introuvable" (HTML 404);
/// everything else keeps its problem+json 404.
/// </summary>
public sealed class PagePathConstraint : IRouteConstraint
{
    public const string Name = "page";

    private static readonly string[] NotPages = ["api", "fhir", "ical", "hangfire", "openapi", "health", "auth", "_framework", "_content", "signin-", "signout-"];

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (!values.TryGetValue(routeKey, out var value) || value?.ToString() is not { Length: > 0 } path) return false;
        var first = path.Split('/', 2)[0];
        return !NotPages.Any(p => p.EndsWith('-') ? first.StartsWith(p, StringComparison.OrdinalIgnoreCase) : first.Equals(p, StringComparison.OrdinalIgnoreCase))
               && !Path.HasExtension(path);
    }
}
