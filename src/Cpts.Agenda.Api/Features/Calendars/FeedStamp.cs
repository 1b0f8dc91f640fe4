namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// A cheap summary of a source's rows in a window that changes whenever the feed would: how many
/// rows, their last change, and the sum of their versions (two changes within the same clock tick
/// still move it). Through: for items that follow the date (weekly blocks expanded over the window),
/// the date the window was computed on, so the stamp moves when the window does.
/// </summary>
public readonly record struct FeedStamp(long Count, DateTimeOffset? LastChange, long Versions, DateOnly? Through = null);
