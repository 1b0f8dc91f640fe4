using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Tests;

public sealed class SasMappingTests
{
    [Theory]
    [InlineData("03 84 76 54 32", "+33384765432")]
    [InlineData("03.84.76.54.32", "+33384765432")]
    [InlineData("0033 3 84 76 54 32", "+33384765432")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("3615", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Phone_numbers_are_sent_in_international_form(string? raw, string? expected) =>
        Assert.Equal(expected, SasResources.Phone(raw));

    [Fact]
    public void Derived_ids_are_stable_and_distinct_per_practitioner_and_place()
    {
        var (p, s) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(SasResources.DeterministicId("schedule", p, s), SasResources.DeterministicId("schedule", p, s));
        Assert.NotEqual(SasResources.DeterministicId("schedule", p, s), SasResources.DeterministicId("schedule", p, null));
        Assert.NotEqual(SasResources.DeterministicId("schedule", p, s), SasResources.DeterministicId("role", p, s));
        Assert.True(Guid.TryParse(SasResources.DeterministicId("schedule", p, s), out _));
    }

    [Fact]
    public void Search_dates_read_offsets_local_times_and_whole_days()
    {
        Assert.Equal(DateTimeOffset.Parse("2021-11-04T14:19:35.760Z"), SearchSlots.ParseDate("2021-11-04T14:19:35.760+00:00", false));
        Assert.Equal(DateTimeOffset.Parse("2024-06-12T14:20:00Z"), SearchSlots.ParseDate("2024-06-12T16:20:00.000 02:00", false)); // '+' read as a space
        Assert.Equal(DateTimeOffset.Parse("2021-01-02T09:00:00Z"), SearchSlots.ParseDate("2021-01-02T10:00:00", false)); // Paris local
        var (start, end) = Paris.Day(new DateOnly(2026, 3, 29)); // 23-hour day
        Assert.Equal(start, SearchSlots.ParseDate("2026-03-29", false));
        Assert.True(SearchSlots.ParseDate("2026-03-29", true) < end && SearchSlots.ParseDate("2026-03-29", true) > end.AddSeconds(-1));
        Assert.Null(SearchSlots.ParseDate("tomorrow", false));
    }
}
