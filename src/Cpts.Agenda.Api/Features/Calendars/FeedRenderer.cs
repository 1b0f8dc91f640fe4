using System.Text;
using Cpts.Agenda.Api.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Writes a feed as RFC 5545: a VTIMEZONE for the agenda's zone and local times in it, UID, DTSTAMP
/// (the item's last change, so the same rows always give the same bytes), SEQUENCE, STATUS,
/// X-PUBLISHED-TTL and REFRESH-INTERVAL of 15 minutes, X-WR-CALNAME and NAME.
/// </summary>
public static class FeedRenderer
{
    public const string ProductId = "-//CPTS//Cpts.Agenda//FR";
    public const string RefreshInterval = "PT15M";

    /// <summary>The zone's rules are written from this date: fixed, so the VTIMEZONE never changes the bytes.</summary>
    private static readonly DateTime TimeZoneRulesFrom = new(2020, 1, 1);

    public static byte[] Render(string name, IEnumerable<FeedItem> items)
    {
        var zone = Paris.Zone.Id;
        var calendar = new Calendar { ProductId = ProductId };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("NAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", zone);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.Parameters.Add("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddTimeZone(zone, TimeZoneRulesFrom, includeHistoricalData: false);

        foreach (var item in items)
        {
            var changed = Utc(item.Changed);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = item.Uid,
                DtStamp = changed,
                LastModified = changed,
                Sequence = item.Sequence,
                DtStart = Local(item.Start, zone),
                DtEnd = Local(item.End, zone),
                Summary = item.Summary,
                Description = item.Description,
                Location = item.Location,
                Status = item.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Transparency = TransparencyType.Opaque,
            });
        }
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(TruncateToSeconds(instant).UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId, true);

    /// <summary>Local time in the zone; an instant in the autumn's repeated hour is written in UTC, which is never ambiguous.</summary>
    private static CalDateTime Local(DateTimeOffset instant, string zone)
    {
        var local = Paris.ToLocal(TruncateToSeconds(instant)).DateTime;
        return Paris.Zone.IsAmbiguousTime(local)
            ? Utc(instant)
            : new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone, true);
    }

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
