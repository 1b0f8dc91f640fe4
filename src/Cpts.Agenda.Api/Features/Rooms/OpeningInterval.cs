using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Features.Rooms;

/// <summary>One opening interval of a weekday, Paris local time. dayOfWeek is ISO (1 = Monday … 7 = Sunday).</summary>
public sealed record OpeningInterval(
    [property: JsonConverter(typeof(IsoDayConverter))] int DayOfWeek, string Start, string End)
{
    public TimeOnly StartTime => TimeOnly.ParseExact(Start, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    public TimeOnly EndTime => End == "24:00" ? TimeOnly.MaxValue : TimeOnly.ParseExact(End, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsTime(string? s) =>
        s == "24:00" || TimeOnly.TryParseExact(s, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}
