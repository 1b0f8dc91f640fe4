namespace Cpts.Agenda.IntegrationTests.Features.Directory.Pages;

internal static class UriText
{
    /// <summary>A redirect's path and query, whether the Location header is relative or absolute.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
