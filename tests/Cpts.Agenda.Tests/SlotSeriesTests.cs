using System.Globalization;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Tests;

public sealed class SlotSeriesTests
{
    private static readonly DateOnly Thursday = new(2026, 12, 3);

    private static List<string> Local(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> slots) =>
        slots.Select(s => string.Create(CultureInfo.InvariantCulture, $"{Paris.ToLocal(s.Start):ddd dd HH:mm}-{Paris.ToLocal(s.End):HH:mm}")).ToList();

    [Fact]
    public void An_hour_in_slots_of_20_minutes_is_three_slots()
    {
        var slots = SlotSeries.Expand(Thursday, new TimeOnly(11, 0), new TimeOnly(12, 0), 20, [], 1);
        Assert.Equal(["Thu 03 11:00-11:20", "Thu 03 11:20-11:40", "Thu 03 11:40-12:00"], Local(slots));
        Assert.Equal(TimeSpan.Zero, slots[0].Start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), slots[0].Start); // Paris is UTC+1 in December
    }

    [Fact]
    public void Without_a_length_the_series_is_one_slot_and_a_short_last_piece_is_left_out()
    {
        Assert.Equal(["Thu 03 11:00-12:00"], Local(SlotSeries.Expand(Thursday, new TimeOnly(11, 0), new TimeOnly(12, 0), null, [], 1)));
        Assert.Equal(["Thu 03 11:00-11:25", "Thu 03 11:25-11:50"], Local(SlotSeries.Expand(Thursday, new TimeOnly(11, 0), new TimeOnly(12, 0), 25, [], 1)));
    }

    [Fact]
    public void Repeated_on_chosen_weekdays_for_two_weeks_from_the_first_day()
    {
        var slots = SlotSeries.Expand(Thursday, new TimeOnly(11, 0), new TimeOnly(11, 40), 20, [DayOfWeek.Monday, DayOfWeek.Thursday], 2);
        Assert.Equal([
            "Thu 03 11:00-11:20", "Thu 03 11:20-11:40", "Mon 07 11:00-11:20", "Mon 07 11:20-11:40",
            "Thu 10 11:00-11:20", "Thu 10 11:20-11:40", "Mon 14 11:00-11:20", "Mon 14 11:20-11:40",
        ], Local(slots));
    }

    [Fact]
    public void Wall_clock_times_hold_across_the_change_to_summer_time()
    {
        var saturday = new DateOnly(2026, 3, 28);
        var slots = SlotSeries.Expand(saturday, new TimeOnly(9, 0), new TimeOnly(9, 30), 30, [DayOfWeek.Saturday, DayOfWeek.Sunday], 1);
        Assert.Equal([new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero)], slots.Select(s => s.Start));
    }

    [Fact]
    public void A_series_is_refused_naming_the_field()
    {
        var bad = PublishSeries.Cut(new PublishSeries.Body(null, Thursday, "11:00", "10:00", 20, [8], 9, null, "in-person", "sas"));
        Assert.Equal(["end", "weekdays", "weeks"], bad.Error!.Fields!.Keys.Order());
        var empty = PublishSeries.Cut(new PublishSeries.Body(null, Thursday, "11:00", "11:10", 20, null, 1, null, "in-person", "sas"));
        Assert.True(empty.Error!.Fields!.ContainsKey("slotMinutes"));
    }
}
