using Microsoft.AspNetCore.Diagnostics;

namespace Cpts.Agenda.Api.Web;

/// <summary>A page that answers with an error status still shows itself (not the API's problem document).</summary>
public static class PageStatus
{
    public static void Set(HttpContext? http, int status)
    {
        if (http is null || http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }
}
