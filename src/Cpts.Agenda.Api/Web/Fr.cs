using System.Globalization;

namespace Cpts.Agenda.Api.Web;

/// <summary>How the pages write dates, times and the agenda's words: French, 24-hour, Europe/Paris.</summary>
public static class Fr
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"mercredi 3 décembre" (the year only when it is not the current one).</summary>
    public static string Day(DateTimeOffset instant, DateTimeOffset? now = null)
    {
        var local = Paris.ToLocal(instant);
        var sameYear = now is null || Paris.ToLocal(now.Value).Year == local.Year;
        return local.ToString(sameYear ? "dddd d MMMM" : "dddd d MMMM yyyy", Culture);
    }

    public static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    /// <summary>"14:20".</summary>
    public static string Time(DateTimeOffset instant) => Paris.ToLocal(instant).ToString("HH:mm", Culture);

    /// <summary>"mercredi 3 décembre à 14:20".</summary>
    public static string DayTime(DateTimeOffset instant, DateTimeOffset? now = null) => $"{Day(instant, now)} à {Time(instant)}";

    public static string Mode(string mode) => mode switch
    {
        "in-person" => "Au cabinet",
        "home-visit" => "Visite à domicile",
        "teleconsultation" => "Téléconsultation",
        _ => mode,
    };

    public static string Profession(string profession) => profession switch
    {
        "generalist" => "Médecin généraliste",
        "nurse" => "Infirmier·e",
        "physiotherapist" => "Kinésithérapeute",
        "pharmacist" => "Pharmacien·ne",
        "midwife" => "Sage-femme",
        "speech-therapist" => "Orthophoniste",
        _ => "Autre profession",
    };

    public static string Role(string role) => role switch
    {
        Roles.Coordinator => "coordination",
        Roles.Practitioner => "praticien·ne",
        Roles.Nurse => "infirmier·e",
        Roles.Regulator => "régulation SAS",
        Roles.Secretary => "secrétariat MMG",
        _ => role,
    };

    public static string Km(double km) => km < 10 ? km.ToString("0.0", Culture) + " km" : km.ToString("0", Culture) + " km";
}
