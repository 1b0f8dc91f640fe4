namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>When a slot may be published: pure rules, unit-tested.</summary>
public static class SlotRules
{
    public static readonly System.Collections.Immutable.ImmutableArray<string> Modes = ["in-person", "teleconsultation", "home-visit"];
    public const string SasVisibility = "sas";
    public static readonly IReadOnlyList<string> Visibilities = ["cpts", SasVisibility];
    public static readonly TimeSpan MinLength = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    /// <summary>The SAS (its regulators and its platform) sees only the slots published for it; CPTS-only slots do not exist to it.</summary>
    public static bool SeesSasSlotsOnly(Caller caller) => caller.Is(Roles.Regulator) || caller.Is(Roles.Sas);

    /// <summary>A broken rule as a message, or null when the slot may be published.</summary>
    public static string? TimingProblem(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, int horizonDays)
    {
        if (start < now) return "A slot cannot start in the past.";
        if (start > now.AddDays(horizonDays)) return $"Slots are published at most {horizonDays} days ahead.";
        var length = end - start;
        if (length < MinLength || length > MaxLength) return $"A slot lasts between {MinLength.TotalMinutes:0} minutes and {MaxLength.TotalHours:0} hours.";
        return null;
    }
}
