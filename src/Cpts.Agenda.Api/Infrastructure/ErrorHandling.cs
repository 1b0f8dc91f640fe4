using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Cpts.Agenda.Api.Infrastructure;

public static class ErrorHandling
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddAgendaErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
            CompleteProblem(ctx.ProblemDetails);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad bodies and parameters reach ProblemExceptionHandler in every environment (not only in
        // Development), so a 400 always names the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication UseAgendaErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // 401, 403, 404, 405 with an empty body become problem details
        // Kestrel enforces the body limit; this also covers hosts that do not (the in-process test server)
        // and answers before the body is read when Content-Length already says too much.
        app.Use(async (context, next) =>
        {
            // A route may allow more (the directory import): its RequestSizeLimit metadata says how much.
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"Request bodies are limited to {limit / 1024} KB.");
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Every problem names its type, and refusals written by the framework (role policies, a missing token)
    /// say why, like the handlers' own 401 and 403 do.
    /// </summary>
    private static void CompleteProblem(ProblemDetails problem)
    {
        problem.Type ??= problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
            StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            _ => null,
        };
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
            StatusCodes.Status403Forbidden => "Your role does not allow this action.",
            _ => null,
        };
    }

    public static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
