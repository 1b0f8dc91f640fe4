using System.Globalization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Europe/Paris at the edges: instants are UTC inside, people see Paris local time. The zone is fixed,
/// not a setting: the service is for metropolitan French CPTS (docs/DECISIONS.md, "One time zone").
/// </summary>
public static class Paris
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// The instant of a Paris wall-clock time. In the spring gap (02:00–03:00 does not exist) the time
    /// moves forward by the gap; in the autumn overlap (02:00–03:00 happens twice) the first one is taken.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>[start, end) of a Paris local day as instants (23, 24 or 25 hours long).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Day(DateOnly date) =>
        (ToInstant(date, TimeOnly.MinValue), ToInstant(date.AddDays(1), TimeOnly.MinValue));

    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
