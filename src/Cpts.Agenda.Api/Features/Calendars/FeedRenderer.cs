using System.Globalization;
using System.Text;
using Ical.Net.Serialization;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// Writes a feed as RFC 5545: a VTIMEZONE for the agenda's zone (written by Ical.Net, once per zone)
/// and local times in it, UID, DTSTAMP and LAST-MODIFIED (the item's last change, so the same rows
/// always give the same bytes), SEQUENCE, STATUS, X-PUBLISHED-TTL and REFRESH-INTERVAL of 15 minutes,
/// X-WR-CALNAME and NAME; CRLF line ends, TEXT escaping and lines folded at 75 octets.
/// The events are written directly rather than through Ical.Net's object model, which needs seconds
/// for a feed of 5,000 events; the tests read every feed back with Ical.Net.
/// </summary>
public static class FeedRenderer
{
    public const string ProductId = "-//CPTS//Cpts.Agenda//FR";
    public const string RefreshInterval = "PT15M";

    /// <summary>The zone's rules are written from this date: fixed, so the VTIMEZONE never changes the bytes.</summary>
    private static readonly DateTime TimeZoneRulesFrom = new(2020, 1, 1);

    /// <summary>The agenda zone's VTIMEZONE, written once on first use: the zone never changes (Paris.Zone).</summary>
    private static readonly Lazy<string> ZoneBlock = new(() => TimeZoneBlock(Paris.Zone.Id));

    public static byte[] Render(string name, IEnumerable<FeedItem> items)
    {
        var zone = Paris.Zone.Id;
        var w = new Writer();
        w.Line("BEGIN:VCALENDAR");
        w.Line("VERSION:2.0");
        w.Line("PRODID:" + ProductId);
        w.Line("CALSCALE:GREGORIAN");
        w.Line("METHOD:PUBLISH");
        w.Line("X-WR-CALNAME:" + Text(name));
        w.Line("NAME:" + Text(name));
        w.Line("X-WR-TIMEZONE:" + zone);
        w.Line("X-PUBLISHED-TTL:" + RefreshInterval);
        w.Line("REFRESH-INTERVAL;VALUE=DURATION:" + RefreshInterval);
        w.Raw(ZoneBlock.Value);
        foreach (var item in items)
        {
            w.Line("BEGIN:VEVENT");
            w.Line("UID:" + Text(item.Uid));
            w.Line("DTSTAMP:" + Utc(item.Changed));
            w.Line("LAST-MODIFIED:" + Utc(item.Changed));
            w.Line("SEQUENCE:" + item.Sequence.ToString(CultureInfo.InvariantCulture));
            w.Line("DTSTART" + Local(item.Start, zone));
            w.Line("DTEND" + Local(item.End, zone));
            w.Line("SUMMARY:" + Text(item.Summary));
            if (item.Description is { Length: > 0 } description) w.Line("DESCRIPTION:" + Text(description));
            if (item.Location is { Length: > 0 } location) w.Line("LOCATION:" + Text(location));
            w.Line(item.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
            w.Line("TRANSP:OPAQUE");
            w.Line("END:VEVENT");
        }
        w.Line("END:VCALENDAR");
        return w.ToBytes();
    }

    /// <summary>RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped; other control characters dropped.</summary>
    public static string Text(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': sb.Append(@"\n"); break;
                case < ' ' or '\u007F': break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static string Utc(DateTimeOffset instant) =>
        Dates.TruncateToSeconds(instant).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>";TZID=zone:local" for a local time; an instant in the autumn's repeated hour is written in UTC, which is never ambiguous.</summary>
    private static string Local(DateTimeOffset instant, string zone)
    {
        var local = Paris.ToLocal(Dates.TruncateToSeconds(instant)).DateTime;
        return Paris.Zone.IsAmbiguousTime(local)
            ? ":" + Utc(instant)
            : $";TZID={zone}:{local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A zone's VTIMEZONE as Ical.Net writes it.</summary>
    private static string TimeZoneBlock(string zone)
    {
        var calendar = new Ical.Net.Calendar();
        calendar.AddTimeZone(zone, TimeZoneRulesFrom, includeHistoricalData: false);
        var text = new CalendarSerializer().SerializeToString(calendar)!;
        var start = text.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal);
        var end = text.IndexOf("END:VTIMEZONE", StringComparison.Ordinal) + "END:VTIMEZONE".Length;
        return text[start..end].ReplaceLineEndings("\r\n") + "\r\n";
    }

    /// <summary>Content lines with CRLF, folded at 75 octets without splitting a UTF-8 sequence.</summary>
    private sealed class Writer
    {
        private const int MaxOctets = 75;
        private readonly StringBuilder _text = new(64 * 1024);

        public void Raw(string text) => _text.Append(text);

        public void Line(string line)
        {
            if (line.Length <= MaxOctets && Encoding.UTF8.GetByteCount(line) <= MaxOctets)
            {
                _text.Append(line).Append("\r\n");
                return;
            }
            var octets = 0;
            var limit = MaxOctets;
            var index = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (octets + size > limit)
                {
                    _text.Append("\r\n ");
                    octets = 0;
                    limit = MaxOctets - 1; // the leading space counts
                }
                _text.Append(line, index, rune.Utf16SequenceLength);
                index += rune.Utf16SequenceLength;
                octets += size;
            }
            _text.Append("\r\n");
        }

        public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());
    }
}
