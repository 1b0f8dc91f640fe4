using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Tests;

public sealed class SearchCriteriaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Regulator = new("r", Roles.Regulator, null);

    private static SearchAvailability.Query Q(string? from = null, string? to = null, string? near = null, double? radius = null, int? limit = null, Caller? caller = null) =>
        new(caller ?? Regulator, from, to, null, null, near, radius, null, limit, null);

    [Fact]
    public void Defaults_are_now_to_24_hours_generalists_50_results_and_SAS_only_for_the_regulator()
    {
        var c = SearchAvailability.Parse(Q(), Now).Value!;
        Assert.Equal(Now, c.From);
        Assert.Equal(Now.AddHours(24), c.To);
        Assert.Equal("generalist", c.Profession);
        Assert.Equal(50, c.Limit);
        Assert.True(c.SasOnly);
        Assert.False(SearchAvailability.Parse(Q(caller: new Caller("n", Roles.Nurse, null)), Now).Value!.SasOnly);
    }

    [Fact]
    public void Near_is_latitude_then_longitude()
    {
        var c = SearchAvailability.Parse(Q(near: "47.62,6.15", radius: 10), Now).Value!;
        Assert.Equal((47.62, 6.15), c.Near);
        Assert.Equal(10, c.RadiusKm);
    }

    [Theory]
    [InlineData("91,6")]
    [InlineData("47.6")]
    [InlineData("47,6,1")]
    public void Bad_near_is_a_field_error(string near) =>
        Assert.True(SearchAvailability.Parse(Q(near: near), Now).Error!.Fields!.ContainsKey("near"));

    [Fact]
    public void A_window_backwards_or_over_31_days_is_refused()
    {
        Assert.NotNull(SearchAvailability.Parse(Q("2026-11-24T10:00:00Z", "2026-11-24T09:00:00Z"), Now).Error);
        Assert.NotNull(SearchAvailability.Parse(Q("2026-11-24T10:00:00Z", "2026-12-30T10:00:00Z"), Now).Error);
    }

    [Fact]
    public void The_bounding_box_holds_the_whole_radius()
    {
        var (minLat, maxLat, minLon, maxLon) = SearchAvailability.BoundingBox(47.62, 6.15, 20);
        // 20 km north, south, east and west of Vesoul all fall inside.
        Assert.InRange(47.62 + 20 / 111.2, minLat, maxLat);
        Assert.InRange(47.62 - 20 / 111.2, minLat, maxLat);
        Assert.InRange(6.15 + 20 / (111.2 * Math.Cos(47.62 * Math.PI / 180)), minLon, maxLon);
        Assert.InRange(6.15 - 20 / (111.2 * Math.Cos(47.62 * Math.PI / 180)), minLon, maxLon);
    }
}
