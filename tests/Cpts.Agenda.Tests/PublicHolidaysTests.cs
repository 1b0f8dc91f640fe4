using Cpts.Agenda.Api.Features.Shifts;

namespace Cpts.Agenda.Tests;

public sealed class PublicHolidaysTests
{
    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // the latest possible date
    [InlineData(2285, 3, 22)] // the earliest possible date
    [InlineData(1943, 4, 25)]
    public void Easter_is_computed_for_any_year(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), PublicHolidays.Easter(year));

    [Fact]
    public void The_eleven_holidays_of_2026()
    {
        var expected = new[]
        {
            "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
            "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
        }.Select(DateOnly.Parse);
        Assert.Equal(expected, PublicHolidays.Of(2026).Select(h => h.Date));
    }

    [Fact]
    public void Easter_based_holidays_move_with_Easter()
    {
        // 2027: Easter on 28 March, so Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May.
        Assert.Equal("Lundi de Pâques", PublicHolidays.NameOf(new DateOnly(2027, 3, 29)));
        Assert.Equal("Ascension", PublicHolidays.NameOf(new DateOnly(2027, 5, 6)));
        Assert.Equal("Lundi de Pentecôte", PublicHolidays.NameOf(new DateOnly(2027, 5, 17)));
        Assert.Null(PublicHolidays.NameOf(new DateOnly(2027, 5, 14)));
        Assert.Null(PublicHolidays.NameOf(new DateOnly(2027, 5, 25)));
        Assert.Equal(DayOfWeek.Thursday, PublicHolidays.Easter(2031).AddDays(39).DayOfWeek);
    }

    [Fact]
    public void Ordinary_days_and_plain_Sundays_are_not_holidays()
    {
        Assert.False(PublicHolidays.IsHoliday(new DateOnly(2026, 11, 23)));
        Assert.False(PublicHolidays.IsHoliday(new DateOnly(2026, 4, 5))); // Easter Sunday is a Sunday, not an extra holiday
        Assert.True(PublicHolidays.IsHoliday(new DateOnly(2026, 11, 11)));
    }
}
