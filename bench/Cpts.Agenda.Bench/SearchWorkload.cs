using System.Globalization;
using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Bench;

/// <summary>
/// Regulator searches as a SAS regulator would make them: a random point of the département, a 10–30 km
/// radius, a window of 2 to 24 hours somewhere in the seeded month, sometimes a mode or a postal code.
/// The same query goes over HTTP and, parsed by the service's own rules, straight to its SQL.
/// </summary>
public sealed class SearchWorkload(SeededShape shape, int seed)
{
    private static readonly Caller Regulator = new("bench-regulator", Roles.Regulator, null);
    private readonly Random _rng = new(seed);

    public SearchAvailability.Query Next()
    {
        lock (_rng)
        {
            var lat = shape.MinLat + _rng.NextDouble() * (shape.MaxLat - shape.MinLat);
            var lon = shape.MinLon + _rng.NextDouble() * (shape.MaxLon - shape.MinLon);
            var radius = 10 + _rng.Next(0, 21);
            var span = Math.Max((shape.LastStart - shape.FirstStart).TotalHours - 2, 1);
            var from = shape.FirstStart.AddHours(Math.Floor(_rng.NextDouble() * span));
            var to = from.AddHours(_rng.Next(2, 25));
            var roll = _rng.Next(100);
            var profession = roll < 80 ? Professions.Generalist : roll < 95 ? Professions.Nurse : Professions.Physiotherapist;
            var mode = _rng.Next(100) < 30 ? SlotRules.Modes[_rng.Next(SlotRules.Modes.Length)] : null;
            var postalCode = _rng.Next(100) < 20 && shape.PostalCodes.Length > 0 ? shape.PostalCodes[_rng.Next(shape.PostalCodes.Length)] : null;
            return new SearchAvailability.Query(Regulator, Paris.Format(from), Paris.Format(to), profession, mode,
                string.Create(CultureInfo.InvariantCulture, $"{lat:0.0000},{lon:0.0000}"), radius, postalCode, null, null);
        }
    }

    public static string Url(SearchAvailability.Query q)
    {
        var parts = new List<string>
        {
            "from=" + Uri.EscapeDataString(q.From!), "to=" + Uri.EscapeDataString(q.To!), "profession=" + q.Profession,
            "near=" + Uri.EscapeDataString(q.Near!), "radiusKm=" + q.RadiusKm!.Value.ToString(CultureInfo.InvariantCulture),
        };
        if (q.Mode is not null) parts.Add("mode=" + q.Mode);
        if (q.PostalCode is not null) parts.Add("postalCode=" + q.PostalCode);
        return "/api/availability?" + string.Join('&', parts);
    }

    public static SearchAvailability.Criteria Criteria(SearchAvailability.Query q) =>
        SearchAvailability.Parse(q, DateTimeOffset.UtcNow).Value ?? throw new InvalidOperationException($"The bench made an invalid search: {Url(q)}");
}
