using Cpts.Agenda.Api.Features.Calendars;

namespace Cpts.Agenda.Tests;

public sealed class BusyCalendarParserTests
{
    // Monday 19 October 2026, 07:00 in Paris; the window is the 30-day horizon plus a day.
    private static readonly DateTimeOffset From = Utc(2026, 10, 19, 5, 0);
    private static readonly DateTimeOffset To = From.AddDays(31);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static BusyInterval I(DateTimeOffset start, DateTimeOffset end) => new(start, end);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static IReadOnlyList<BusyInterval> Busy(string text, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var outcome = BusyCalendarParser.Parse(text, from ?? From, to ?? To);
        Assert.True(outcome.IsSuccess, outcome.Problem);
        return outcome.Intervals!;
    }

    private static string Calendar(string events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events.ReplaceLineEndings("\r\n").Trim() + "\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void Google_export_weekly_event_with_exdate_moved_and_cancelled_instances_utc_and_all_day()
    {
        Assert.Equal(
        [
            I(Utc(2026, 10, 19, 7), Utc(2026, 10, 19, 8)),   // Monday staff, 09:00 CEST
            I(Utc(2026, 10, 21, 12), Utc(2026, 10, 21, 13)), // UTC event
            I(Utc(2026, 10, 26, 8), Utc(2026, 10, 26, 9)),   // Monday staff, 09:00 CET after the change
            I(Utc(2026, 10, 27, 23), Utc(2026, 10, 29, 23)), // all-day 28-29 October: whole Paris days
            I(Utc(2026, 11, 9, 13), Utc(2026, 11, 9, 14)),   // 9 November moved to 14:00 (RECURRENCE-ID)
            // 2 November: EXDATE; 16 November: cancelled instance; 23 October birthday: transparent.
        ], Busy(Fixture("google.ics")));
    }

    [Fact]
    public void Outlook_export_with_windows_and_customized_time_zone_names()
    {
        Assert.Equal(
        [
            I(Utc(2026, 10, 20, 16), Utc(2026, 10, 20, 17)),
            I(Utc(2026, 10, 22, 16), Utc(2026, 10, 22, 17)),
            I(Utc(2026, 10, 23, 6), Utc(2026, 10, 23, 7)),          // "Customized Time Zone" read as Paris
            I(Utc(2026, 10, 27, 17), Utc(2026, 10, 27, 18)),
            I(Utc(2026, 11, 3, 16), Utc(2026, 11, 3, 17, 30)),      // overridden instance, 17:00–18:30
            I(Utc(2026, 11, 5, 17), Utc(2026, 11, 5, 18)),          // COUNT=6 ends here; 29 October excluded
            I(Utc(2026, 11, 10, 23), Utc(2026, 11, 11, 23)),        // all-day, out of office
        ], Busy(Fixture("outlook.ics")));
    }

    [Fact]
    public void Apple_export_with_floating_times_cancelled_event_and_multi_day_all_day()
    {
        Assert.Equal(
        [
            I(Utc(2026, 10, 22, 9, 30), Utc(2026, 10, 22, 10, 30)), // floating 11:30 = Paris
            I(Utc(2026, 10, 23, 7), Utc(2026, 10, 23, 10)),
            I(Utc(2026, 10, 31, 9), Utc(2026, 10, 31, 11)),         // Friday instance moved to Saturday
            I(Utc(2026, 11, 1, 23), Utc(2026, 11, 3, 23)),          // holidays 2–3 November
            I(Utc(2026, 11, 6, 8), Utc(2026, 11, 6, 11)),           // last instance before UNTIL
        ], Busy(Fixture("apple.ics")));
    }

    [Fact]
    public void A_weekly_9_oclock_Paris_event_stays_at_9_across_the_October_change()
    {
        var busy = Busy(Calendar("""
            BEGIN:VEVENT
            UID:dst@test
            DTSTART;TZID=Europe/Paris:20261012T090000
            DTEND;TZID=Europe/Paris:20261012T093000
            RRULE:FREQ=WEEKLY
            END:VEVENT
            """), Utc(2026, 10, 12, 0), Utc(2026, 11, 3, 0));
        Assert.Equal(
        [
            I(Utc(2026, 10, 12, 7), Utc(2026, 10, 12, 7, 30)),
            I(Utc(2026, 10, 19, 7), Utc(2026, 10, 19, 7, 30)),  // before 25 October: 07:00Z
            I(Utc(2026, 10, 26, 8), Utc(2026, 10, 26, 8, 30)),  // after: 08:00Z, still 09:00 in Paris
            I(Utc(2026, 11, 2, 8), Utc(2026, 11, 2, 8, 30)),
        ], busy);
    }

    [Fact]
    public void A_floating_daily_event_follows_Paris_time_too()
    {
        var busy = Busy(Calendar("""
            BEGIN:VEVENT
            UID:floating@test
            DTSTART:20261024T090000
            DTEND:20261024T100000
            RRULE:FREQ=DAILY;COUNT=2
            END:VEVENT
            """), Utc(2026, 10, 20, 0), Utc(2026, 10, 30, 0));
        Assert.Equal([I(Utc(2026, 10, 24, 7), Utc(2026, 10, 24, 8)), I(Utc(2026, 10, 25, 8), Utc(2026, 10, 25, 9))], busy);
    }

    [Fact]
    public void An_all_day_event_on_the_change_day_lasts_25_hours()
    {
        var busy = Busy(Calendar("""
            BEGIN:VEVENT
            UID:allday@test
            DTSTART;VALUE=DATE:20261025
            END:VEVENT
            """), Utc(2026, 10, 20, 0), Utc(2026, 10, 30, 0));
        Assert.Equal([I(Utc(2026, 10, 24, 22), Utc(2026, 10, 25, 23))], busy);
    }

    [Fact]
    public void Recurrences_are_expanded_only_over_the_window()
    {
        var busy = Busy(Calendar("""
            BEGIN:VEVENT
            UID:forever@test
            DTSTART:20200101T080000Z
            DTEND:20200101T090000Z
            RRULE:FREQ=DAILY
            END:VEVENT
            """), Utc(2026, 10, 19, 0), Utc(2026, 10, 22, 0));
        Assert.Equal(3, busy.Count);
        Assert.Equal(Utc(2026, 10, 19, 8), busy[0].Start);
        Assert.Equal(Utc(2026, 10, 21, 9), busy[^1].End);
    }

    [Fact]
    public void An_event_under_way_when_the_window_opens_is_busy()
    {
        var busy = Busy(Calendar("""
            BEGIN:VEVENT
            UID:long@test
            DTSTART:20261015T080000Z
            DTEND:20261025T080000Z
            END:VEVENT
            """), Utc(2026, 10, 19, 0), Utc(2026, 10, 22, 0));
        Assert.Equal([I(Utc(2026, 10, 15, 8), Utc(2026, 10, 25, 8))], busy);
    }

    [Fact]
    public void Overlapping_busy_times_are_merged()
    {
        Assert.Equal(
            [I(Utc(2026, 1, 1, 8), Utc(2026, 1, 1, 11)), I(Utc(2026, 1, 1, 12), Utc(2026, 1, 1, 13))],
            BusyCalendarParser.Merge([
                I(Utc(2026, 1, 1, 9), Utc(2026, 1, 1, 11)), I(Utc(2026, 1, 1, 8), Utc(2026, 1, 1, 9)),
                I(Utc(2026, 1, 1, 12), Utc(2026, 1, 1, 13)), I(Utc(2026, 1, 1, 9, 30), Utc(2026, 1, 1, 10)),
            ]));
    }

    [Theory]
    [InlineData("<html><body>Sign in</body></html>")]
    [InlineData("")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261021T090000Z\r\n")]
    public void Something_that_is_not_a_whole_calendar_is_refused(string text)
    {
        var outcome = BusyCalendarParser.Parse(text, From, To);
        Assert.False(outcome.IsSuccess);
        Assert.Null(outcome.Intervals);
    }

    [Fact]
    public void One_malformed_event_makes_the_whole_file_refused()
    {
        var outcome = BusyCalendarParser.Parse(Fixture("broken.ics"), From, To);
        Assert.False(outcome.IsSuccess);
        Assert.Contains("broken-2", outcome.Problem);
    }
}
