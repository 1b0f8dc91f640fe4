using Cpts.Agenda.Api.Features.Rooms;
using Cpts.Agenda.Api.Features.Telemedicine;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Tests;

public sealed class RoomRulesTests
{
    // Monday 2026-11-30 (winter, UTC+1); Sunday 2027-03-28 (spring forward); Sunday 2027-10-31 (fall back).
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateTimeOffset LongAgo = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly OpeningInterval[] Hours =
    [
        new(1, "08:30", "12:30"),
        new(1, "14:00", "17:00"),
        new(7, "01:00", "04:00"),
        new(7, "08:30", "10:00"),
    ];

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => Paris.ToInstant(date, new TimeOnly(hour, minute));

    [Fact]
    public void A_booking_on_the_grid_inside_opening_hours_is_accepted()
    {
        Assert.Null(RoomRules.PlacementProblem(Hours, 30, At(Monday, 8, 30), At(Monday, 9, 0)));
        Assert.Null(RoomRules.PlacementProblem(Hours, 30, At(Monday, 12, 0), At(Monday, 12, 30)));
        Assert.Null(RoomRules.PlacementProblem(Hours, 30, At(Monday, 14, 0), At(Monday, 15, 0)));
    }

    [Fact]
    public void A_booking_between_two_opening_intervals_is_refused() =>
        Assert.Contains("closed at that time", RoomRules.PlacementProblem(Hours, 30, At(Monday, 13, 0), At(Monday, 13, 30)));

    [Fact]
    public void A_booking_on_a_closed_day_is_refused() =>
        Assert.Contains("closed on Tuesdays", RoomRules.PlacementProblem(Hours, 30, At(Monday.AddDays(1), 9, 0), At(Monday.AddDays(1), 9, 30)));

    [Fact]
    public void A_booking_running_past_closing_time_is_refused() =>
        Assert.Contains("must end by 12:30", RoomRules.PlacementProblem(Hours, 30, At(Monday, 12, 0), At(Monday, 13, 0)));

    [Fact]
    public void A_start_off_the_grid_is_refused() =>
        Assert.Contains("grid", RoomRules.PlacementProblem(Hours, 30, At(Monday, 8, 45), At(Monday, 9, 15)));

    [Fact]
    public void A_length_that_is_not_whole_slots_is_refused() =>
        Assert.Contains("whole number", RoomRules.PlacementProblem(Hours, 30, At(Monday, 9, 0), At(Monday, 9, 20)));

    [Fact]
    public void The_grid_counts_from_each_interval_start() =>
        Assert.Null(RoomRules.PlacementProblem([new(1, "08:15", "10:00")], 30, At(Monday, 8, 45), At(Monday, 9, 15)));

    [Fact]
    public void Past_far_and_odd_lengths_are_refused()
    {
        var now = At(Monday, 10);
        Assert.Contains("past", RoomRules.TimingProblem(now.AddMinutes(-30), now, now));
        Assert.Contains("365 days", RoomRules.TimingProblem(now.AddDays(366), now.AddDays(366).AddMinutes(30), now));
        Assert.NotNull(RoomRules.TimingProblem(now.AddHours(1), now.AddHours(1).AddMinutes(4), now));
        Assert.NotNull(RoomRules.TimingProblem(now.AddHours(1), now.AddHours(10), now));
        Assert.Null(RoomRules.TimingProblem(now.AddHours(1), now.AddHours(1).AddMinutes(30), now));
    }

    [Theory]
    [InlineData("2020-11-30", 6)]
    [InlineData("2020-12-01", 5)]
    [InlineData("2000-02-29", 26)]
    public void Age_counts_whole_years_on_the_appointment_date(string birth, int age) =>
        Assert.Equal(age, RoomRules.AgeOn(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), Monday));

    [Fact]
    public void A_29_February_birthday_counts_on_1_March_in_other_years()
    {
        var birth = new DateOnly(2020, 2, 29);
        Assert.Equal(5, RoomRules.AgeOn(birth, new DateOnly(2026, 2, 28)));
        Assert.Equal(6, RoomRules.AgeOn(birth, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void Free_cells_are_the_grid_of_each_interval_less_busy_times_and_the_past()
    {
        var busy = new[] { new Interval(At(Monday, 9, 0), At(Monday, 10, 0)), new Interval(At(Monday, 15, 10), At(Monday, 15, 20)) };
        var cells = RoomRules.FreeCells(Hours, 30, Monday, busy, At(Monday, 8, 40));
        var starts = cells.Select(c => Paris.ToLocal(c.Start).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // 08:30 already started; 09:00 and 09:30 busy; 15:00 overlaps the busy 15:10-15:20.
        Assert.Equal(["10:00", "10:30", "11:00", "11:30", "12:00", "14:00", "14:30", "15:30", "16:00", "16:30"], starts);
        Assert.All(cells, c => Assert.Equal(TimeSpan.FromMinutes(30), c.End - c.Start));
    }

    [Fact]
    public void A_trailing_piece_shorter_than_a_slot_is_not_offered()
    {
        var cells = RoomRules.FreeCells([new(1, "08:30", "09:45")], 30, Monday, [], LongAgo);
        Assert.Equal(2, cells.Count);
        Assert.Equal(At(Monday, 9, 30), cells[^1].End);
    }

    [Fact]
    public void On_the_spring_forward_night_the_cells_follow_real_time()
    {
        var day = new DateOnly(2027, 3, 28);
        var cells = RoomRules.FreeCells(Hours, 30, day, [], LongAgo);
        // 01:00-04:00 local is 00:00Z-02:00Z: two real hours, four cells; 08:30 is summer time (06:30Z).
        Assert.Equal(
            [
                new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 28, 0, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 3, 28, 6, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 3, 28, 7, 30, 0, TimeSpan.Zero),
            ],
            cells.Select(c => c.Start.ToUniversalTime()).ToList());
    }

    [Fact]
    public void On_the_fall_back_night_the_cells_follow_real_time()
    {
        var day = new DateOnly(2027, 10, 31);
        var cells = RoomRules.FreeCells(Hours, 30, day, [], LongAgo);
        // 01:00 local (+02:00) is 23:00Z the day before; 04:00 local (+01:00) is 03:00Z: four real hours, eight cells.
        Assert.Equal(8 + 3, cells.Count);
        Assert.Equal(new DateTimeOffset(2027, 10, 30, 23, 0, 0, TimeSpan.Zero), cells[0].Start);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 3, 0, 0, TimeSpan.Zero), cells[7].End);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 7, 30, 0, TimeSpan.Zero), cells[8].Start);
    }

    [Fact]
    public void A_weekly_reservation_applies_on_its_weekday_within_its_period()
    {
        var r = new WeeklyReservation(1, 14 * 60, 16 * 60, "IME Les Tilleuls", Monday, Monday.AddDays(14));
        Assert.Equal(new Interval(At(Monday, 14), At(Monday, 16)), r.On(Monday));
        Assert.NotNull(r.On(Monday.AddDays(14)));
        Assert.Null(r.On(Monday.AddDays(21)));
        Assert.Null(r.On(Monday.AddDays(-7)));
        Assert.Null(r.On(Monday.AddDays(1)));
    }

    [Fact]
    public void Holders_match_trimmed_and_case_insensitively()
    {
        Assert.True(RoomRules.SameHolder(" IME les Tilleuls ", "IME Les Tilleuls"));
        Assert.False(RoomRules.SameHolder(null, "IME Les Tilleuls"));
        Assert.False(RoomRules.SameHolder("EHPAD", "IME Les Tilleuls"));
    }

    [Theory]
    [InlineData("08:30", 510)]
    [InlineData("24:00", 1440)]
    [InlineData("8:30", null)]
    [InlineData("25:00", null)]
    public void Local_times_are_HH_mm(string text, int? minutes) => Assert.Equal(minutes, RoomRules.Minutes(text));
}
