namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Fetches a practitioner's calendar URL (the edge tests replace or point at a local server).</summary>
public interface ICalendarFetcher
{
    Task<FetchResult> FetchAsync(Uri url, string? etag, CancellationToken ct);
}
