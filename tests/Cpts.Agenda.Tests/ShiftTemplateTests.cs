using Cpts.Agenda.Api.Features.Shifts;

namespace Cpts.Agenda.Tests;

public sealed class ShiftTemplateTests
{
    private static ShiftTemplate Builtin(string name)
    {
        var options = new ShiftOptions();
        options.AddBuiltIns();
        var (template, problems) = ShiftTemplate.Compile(name, options.Templates[name]);
        Assert.Empty(problems);
        return template!;
    }

    private static ShiftTemplate Night() => ShiftTemplate.Compile("night", new ShiftOptions.TemplateConfig
    {
        Saturday = [new() { Name = "night", Start = "20:00", End = "08:00" }],
    }).Template!;

    private static DateTimeOffset Utc(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_weekday_has_the_evening_until_midnight_local()
    {
        var shifts = Builtin("pdsa").Expand(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 24));
        var evening = Assert.Single(shifts);
        Assert.Equal("evening", evening.Period);
        Assert.Equal(Utc(2026, 11, 24, 19), evening.Start); // 20:00 CET
        Assert.Equal(Utc(2026, 11, 24, 23), evening.End);   // "24:00" is the next day's 00:00 local
    }

    [Fact]
    public void Saturday_has_afternoon_and_evening_and_Sunday_day_and_evening()
    {
        var shifts = Builtin("pdsa").Expand(new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29));
        Assert.Equal(["afternoon", "evening", "day", "evening"], shifts.Select(s => s.Period));
        Assert.Equal(Utc(2026, 11, 28, 11), shifts[0].Start); // Saturday 12:00 CET
        Assert.Equal(Utc(2026, 11, 29, 7), shifts[2].Start);  // Sunday 08:00 CET
    }

    [Fact]
    public void A_holiday_on_a_weekday_or_a_Saturday_uses_the_Sunday_periods()
    {
        var template = Builtin("pdsa");
        Assert.Equal(["day", "evening"], template.PeriodsOf(new DateOnly(2026, 5, 14)).Select(p => p.Name)); // Ascension, Thursday
        Assert.Equal(["day", "evening"], template.PeriodsOf(new DateOnly(2026, 8, 15)).Select(p => p.Name)); // Assumption, Saturday
        Assert.Equal(["evening"], template.PeriodsOf(new DateOnly(2026, 5, 13)).Select(p => p.Name));
    }

    [Fact]
    public void The_bronchiolitis_season_runs_from_November_to_March_on_weekends_and_holidays()
    {
        var template = Builtin("bronchiolitis");
        Assert.Empty(template.Expand(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)));
        Assert.Empty(template.PeriodsOf(new DateOnly(2026, 11, 24))); // a Tuesday in season
        Assert.Single(template.PeriodsOf(new DateOnly(2026, 11, 11))); // Armistice, a Wednesday
        Assert.Single(template.PeriodsOf(new DateOnly(2027, 3, 27)));  // last Saturday of March
        Assert.Empty(template.PeriodsOf(new DateOnly(2027, 4, 3)));    // first Saturday of April
        Assert.True(template.InSeason(new DateOnly(2027, 1, 1)));
        Assert.False(template.InSeason(new DateOnly(2026, 10, 31)));
    }

    [Fact]
    public void A_night_period_across_the_spring_change_lasts_11_hours_and_the_autumn_one_13()
    {
        var spring = Assert.Single(Night().Expand(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 28)));
        Assert.Equal(Utc(2026, 3, 28, 19), spring.Start);
        Assert.Equal(Utc(2026, 3, 29, 6), spring.End);
        Assert.Equal(TimeSpan.FromHours(11), spring.End - spring.Start);

        var autumn = Assert.Single(Night().Expand(new DateOnly(2026, 10, 24), new DateOnly(2026, 10, 24)));
        Assert.Equal(Utc(2026, 10, 24, 18), autumn.Start);
        Assert.Equal(Utc(2026, 10, 25, 7), autumn.End);
        Assert.Equal(TimeSpan.FromHours(13), autumn.End - autumn.Start);

        var ordinary = Assert.Single(Night().Expand(new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 28)));
        Assert.Equal(TimeSpan.FromHours(12), ordinary.End - ordinary.Start);
    }

    [Fact]
    public void The_Sunday_day_period_starts_at_08_00_local_on_both_change_days()
    {
        var autumn = Builtin("pdsa").Expand(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25));
        Assert.Equal(Utc(2026, 10, 25, 7), autumn[0].Start);
        Assert.Equal(TimeSpan.FromHours(12), autumn[0].End - autumn[0].Start);
        var spring = Builtin("pdsa").Expand(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29));
        Assert.Equal(Utc(2026, 3, 29, 6), spring[0].Start);
    }

    [Fact]
    public void Malformed_templates_are_refused_with_reasons()
    {
        var (template, problems) = ShiftTemplate.Compile("bad", new ShiftOptions.TemplateConfig
        {
            Weekday = [new() { Name = "x", Start = "25:00", End = "24:00" }, new() { Name = "", Start = "08:00", End = "8h" }],
            Season = new ShiftOptions.SeasonConfig { From = "13-01", To = "03-31" },
        });
        Assert.Null(template);
        Assert.Contains(problems, p => p.Contains("Start"));
        Assert.Contains(problems, p => p.Contains("End"));
        Assert.Contains(problems, p => p.Contains("Name"));
        Assert.Contains(problems, p => p.Contains("Season"));
        Assert.Null(ShiftTemplate.Time("24:00", allow24: false));
    }

    [Fact]
    public void The_validator_refuses_a_default_naming_an_unknown_template()
    {
        var options = new ShiftOptions();
        options.AddBuiltIns();
        options.Defaults["nurse"] = "missing";
        var result = new ShiftTemplates.Validator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("missing", result.FailureMessage);
    }
}
