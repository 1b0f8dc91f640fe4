namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>What fetching a calendar URL gave.</summary>
public abstract record FetchResult
{
    public sealed record Fetched(string Text, string? ETag) : FetchResult;
    public sealed record NotModified : FetchResult;
    /// <summary>A refusal or failure, with a message safe to show the practitioner.</summary>
    public sealed record Failed(string Problem) : FetchResult;
}
