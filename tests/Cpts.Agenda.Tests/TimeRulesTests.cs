using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Tests;

public sealed class TimeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_slot_in_the_next_hours_is_accepted() =>
        Assert.Null(SlotRules.TimingProblem(Now.AddHours(1), Now.AddHours(1).AddMinutes(20), Now, 30));

    [Fact]
    public void A_slot_that_started_is_refused() =>
        Assert.Contains("past", SlotRules.TimingProblem(Now.AddMinutes(-1), Now.AddMinutes(19), Now, 30));

    [Fact]
    public void The_horizon_is_inclusive_to_the_minute()
    {
        Assert.Null(SlotRules.TimingProblem(Now.AddDays(30), Now.AddDays(30).AddMinutes(15), Now, 30));
        Assert.NotNull(SlotRules.TimingProblem(Now.AddDays(30).AddMinutes(1), Now.AddDays(30).AddMinutes(16), Now, 30));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(721)]
    public void Slots_shorter_than_5_minutes_or_longer_than_12_hours_are_refused(int minutes) =>
        Assert.NotNull(SlotRules.TimingProblem(Now.AddHours(1), Now.AddHours(1).AddMinutes(minutes), Now, 30));

    [Fact]
    public void Paris_local_time_becomes_the_right_instant_in_winter_and_summer()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 7, 0, 0, TimeSpan.Zero), Paris.ToInstant(new DateOnly(2026, 1, 15), new TimeOnly(8, 0)));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 6, 0, 0, TimeSpan.Zero), Paris.ToInstant(new DateOnly(2026, 7, 15), new TimeOnly(8, 0)));
    }

    [Fact]
    public void Daylight_saving_days_last_23_and_25_hours()
    {
        var (springStart, springEnd) = Paris.Day(new DateOnly(2026, 3, 29));
        Assert.Equal(TimeSpan.FromHours(23), springEnd - springStart);
        var (autumnStart, autumnEnd) = Paris.Day(new DateOnly(2026, 10, 25));
        Assert.Equal(TimeSpan.FromHours(25), autumnEnd - autumnStart);
        // 08:00 on the Sunday the clocks go back is 07:00Z.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), Paris.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(8, 0)));
    }

    [Fact]
    public void A_wall_time_in_the_spring_gap_moves_forward_and_one_in_the_autumn_overlap_takes_the_first()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), Paris.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), Paris.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)));
    }

    [Theory]
    [InlineData("2026-03-29T08:30:00+02:00", "2026-03-29T06:30:00Z")]
    [InlineData("2026-03-29T06:30:00Z", "2026-03-29T06:30:00Z")]
    [InlineData("2026-03-29T08:30:00", "2026-03-29T06:30:00Z")] // no offset: Paris local time
    [InlineData("2026-01-10T08:30", "2026-01-10T07:30:00Z")]
    public void Instants_are_read_with_their_offset_or_as_Paris_time(string text, string expectedUtc) =>
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), Dates.ParseInstant(text));

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-02-30T08:00:00+01:00")]
    [InlineData("2026-03-29")]
    public void Nonsense_instants_are_refused(string text) => Assert.Null(Dates.ParseInstant(text));

    [Fact]
    public void Instants_are_written_in_Paris_offset() =>
        Assert.Equal("2026-03-29T08:30:00+02:00", Paris.Format(new DateTimeOffset(2026, 3, 29, 6, 30, 0, TimeSpan.Zero)));
}
