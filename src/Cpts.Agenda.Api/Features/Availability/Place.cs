using System.Globalization;

namespace Cpts.Agenda.Api.Features.Availability;

/// <summary>A point to search around, and how the page names it.</summary>
public sealed record Place(double Latitude, double Longitude, string Label)
{
    public string Near => string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.#####},{Longitude:0.#####}");
}
