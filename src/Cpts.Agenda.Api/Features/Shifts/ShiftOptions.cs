using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// Agenda:Shifts in configuration: named templates (the periods of weekdays, Saturdays, and
/// Sundays and public holidays, in Paris local "HH:mm"; an end at or before the start, or "24:00",
/// is on the next day), the template each profession uses by default, and per-site overrides.
/// </summary>
public sealed class ShiftOptions
{
    public Dictionary<string, TemplateConfig> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>profession → template name.</summary>
    public Dictionary<string, string> Defaults { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>site id → profession → template name.</summary>
    public Dictionary<string, Dictionary<string, string>> Sites { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class TemplateConfig
    {
        public List<PeriodConfig> Weekday { get; set; } = [];
        public List<PeriodConfig> Saturday { get; set; } = [];

        /// <summary>Sundays, and public holidays whatever day they fall on.</summary>
        public List<PeriodConfig> Sunday { get; set; } = [];

        public SeasonConfig? Season { get; set; }
    }

    public sealed class PeriodConfig
    {
        public string? Name { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
    }

    /// <summary>"MM-dd" bounds, both included; From after To wraps over the new year (11-01 to 03-31).</summary>
    public sealed class SeasonConfig
    {
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public const string DefaultTemplate = "pdsa";
    public const string BronchiolitisTemplate = "bronchiolitis";

    /// <summary>The built-in templates and defaults, used when configuration does not name them.</summary>
    public void AddBuiltIns()
    {
        Templates.TryAdd(DefaultTemplate, new TemplateConfig
        {
            Weekday = [P("evening", "20:00", "24:00")],
            Saturday = [P("afternoon", "12:00", "20:00"), P("evening", "20:00", "24:00")],
            Sunday = [P("day", "08:00", "20:00"), P("evening", "20:00", "24:00")],
        });
        Templates.TryAdd(BronchiolitisTemplate, new TemplateConfig
        {
            Saturday = [P("day", "09:00", "18:00")],
            Sunday = [P("day", "09:00", "18:00")],
            Season = new SeasonConfig { From = "11-01", To = "03-31" },
        });
        Defaults.TryAdd(Professions.Generalist, DefaultTemplate);
        Defaults.TryAdd(Professions.Physiotherapist, BronchiolitisTemplate);
    }

    private static PeriodConfig P(string name, string start, string end) => new() { Name = name, Start = start, End = end };
}
