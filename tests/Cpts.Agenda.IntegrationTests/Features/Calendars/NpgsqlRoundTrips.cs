using System.Diagnostics;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

/// <summary>
/// Counts the round trips to PostgreSQL (Npgsql's command and batch activities) made while serving the
/// requests this counter tags: they carry its trace id (traceparent), so requests of other tests running
/// meanwhile are not counted.
/// </summary>
public sealed class NpgsqlRoundTrips : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public NpgsqlRoundTrips()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.TraceId == TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "Npgsql" && a.Kind == ActivityKind.Client && a.TraceId == TraceId) Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();

    /// <summary>Round trips counted so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A GET of the path, counted, with If-None-Match when an entity tag is given.</summary>
    public HttpRequestMessage Get(string path, System.Net.Http.Headers.EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{TraceId}-{ActivitySpanId.CreateRandom()}-01");
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return request;
    }

    public void Dispose() => _listener.Dispose();
}
