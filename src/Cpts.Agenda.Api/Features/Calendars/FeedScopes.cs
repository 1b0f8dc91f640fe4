namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Which calendar a feed shows: a practitioner, a room or a site.</summary>
public static class FeedScopes
{
    public const string Practitioner = "practitioner";
    public const string Room = "room";
    public const string Site = "site";
    public static readonly IReadOnlyList<string> All = [Practitioner, Room, Site];

    /// <summary>A practitioner or a nurse: someone whose own agenda is a practitioner feed.</summary>
    public static bool IsPerson(Caller caller) => caller.Is(Roles.Practitioner) || caller.Is(Roles.Nurse);
}
