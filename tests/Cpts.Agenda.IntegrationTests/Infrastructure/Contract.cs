using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>
/// What the test hosts answered, per route and status, and the check that /openapi/v1.json declares
/// each of them. Every AgendaApp records; when it is disposed, an answer its document does not
/// declare fails the test class (so every test of the suite keeps the contract honest).
/// </summary>
public static partial class Contract
{
    public sealed record Observation(string Method, string Route, int Status, string Example);

    public sealed class Observed
    {
        private readonly ConcurrentDictionary<(string, string, int), Observation> _seen = new();
        public void Add(Observation o) => _seen.TryAdd((o.Method, o.Route, o.Status), o);
        public IReadOnlyList<Observation> All => _seen.Values.OrderBy(o => o.Route).ThenBy(o => o.Method).ThenBy(o => o.Status).ToList();
    }

    /// <summary>The route template as the document writes it: constraints dropped, no trailing slash.</summary>
    public static string DocumentPath(string rawPattern)
    {
        var path = RouteParameter().Replace(rawPattern, m => "{" + m.Groups[1].Value + "}");
        if (!path.StartsWith('/')) path = "/" + path;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>The document the app generates, whether or not it serves it (outside Development it may not).</summary>
    public static async Task<JsonElement> DocumentAsync(IServiceProvider services)
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1");
        var document = await provider.GetOpenApiDocumentAsync();
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        return JsonDocument.Parse(writer.ToString()).RootElement.Clone();
    }

    /// <summary>The routes of the app that the document describes (what is excluded from it says so in its metadata).</summary>
    public static IEnumerable<(RouteEndpoint Endpoint, string Path, IReadOnlyList<string> Methods)> DescribedRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (e, DocumentPath(e.RoutePattern.RawText ?? ""), (IReadOnlyList<string>)(e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])));

    public static bool TryOperation(JsonElement document, string path, string method, out JsonElement operation)
    {
        operation = default;
        return document.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out operation);
    }

    /// <summary>Each observed (route, status) the document does not declare, with a request that got it.</summary>
    public static List<string> Undeclared(JsonElement document, IEnumerable<Observation> observed)
    {
        var problems = new List<string>();
        foreach (var o in observed)
        {
            if (!TryOperation(document, o.Route, o.Method, out var operation))
            {
                problems.Add($"{o.Method} {o.Route} answered {o.Status} but is not in the document (e.g. {o.Example})");
                continue;
            }
            var responses = operation.GetProperty("responses");
            var status = o.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!responses.TryGetProperty(status, out _) && !responses.TryGetProperty(status[0] + "XX", out _))
                problems.Add($"{o.Method} {o.Route} answered {o.Status}, not declared (e.g. {o.Example})");
        }
        return problems;
    }

    /// <summary>Test-host middleware, first in the pipeline: remembers the endpoint routing chose (even when the
    /// exception handler clears it later) and the status finally answered.</summary>
    public sealed class RecordStatuses(Observed observed) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                var feature = new RememberingEndpointFeature();
                context.Features.Set<IEndpointFeature>(feature);
                try
                {
                    await inner(context);
                }
                finally
                {
                    if (feature.Chosen is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not null
                        && endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
                    {
                        var example = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
                        observed.Add(new Observation(context.Request.Method, DocumentPath(endpoint.RoutePattern.RawText ?? ""), context.Response.StatusCode,
                            example.Length > 200 ? example[..200] + "…" : example));
                    }
                }
            });
            next(app);
        };
    }

    private sealed class RememberingEndpointFeature : IEndpointFeature
    {
        private Endpoint? _endpoint;
        public Endpoint? Chosen { get; private set; }
        public Endpoint? Endpoint
        {
            get => _endpoint;
            set
            {
                _endpoint = value;
                if (value is not null) Chosen = value;
            }
        }
    }
}
