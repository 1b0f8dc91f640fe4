using System.Globalization;

namespace Cpts.Agenda.Api.Web;

/// <summary>
/// What the GP's pages say beyond the shell's <see cref="Fr"/>: days of a week, periods, channels,
/// who booked, the patient's age, and the API's refusals in French.
/// </summary>
public static class AgendaText
{
    /// <summary>"mercredi 3 décembre" (a week's day: no year).</summary>
    public static string Day(DateOnly day) => day.ToString("dddd d MMMM", Fr.Culture);

    public static string Day(DateTimeOffset instant) => Day(Paris.LocalDate(instant));

    public static string Time(DateTimeOffset instant) => Fr.Time(instant);

    public static string Period(DateTimeOffset start, DateTimeOffset end) => $"{Time(start)}–{Time(end)}";

    /// <summary>"jeudi 3 décembre, 11:20–11:40".</summary>
    public static string When(DateTimeOffset start, DateTimeOffset end) => $"{Day(start)}, {Period(start, end)}";

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Visibility(string visibility) => visibility == "sas" ? "SAS et CPTS" : "CPTS seulement";

    public static string Channel(string channel) => channel switch
    {
        "sas" => "régulation SAS",
        "nurse" => "infirmier·e",
        "pharmacist" => "pharmacien·ne",
        "practitioner" => "médecin",
        "cpts" => "coordination CPTS",
        _ => channel,
    };

    public static string BookedBy(string role) => role switch
    {
        Roles.Regulator => "le régulateur du SAS",
        Roles.Nurse => "un·e infirmier·e",
        Roles.Practitioner => "un médecin",
        Roles.Coordinator => "la coordination",
        _ => role,
    };

    /// <summary>Age in whole years on a day.</summary>
    public static int Age(DateOnly birth, DateOnly on) => on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);

    /// <summary>The API's refusal in French when it is one the pages know; else the API's own words.</summary>
    /// <param name="slotName">names slots[i] of the same batch ("jeudi 3 décembre, 11:20–11:40").</param>
    public static string Message(string message, Func<int, string>? slotName = null)
    {
        var sibling = System.Text.RegularExpressions.Regex.Match(message, @"^It overlaps slots\[(\d+)\] of this batch\.$");
        if (sibling.Success && slotName is not null)
            return $"Chevauche le créneau du {slotName(int.Parse(sibling.Groups[1].Value, CultureInfo.InvariantCulture))} de la même série.";
        message = System.Text.RegularExpressions.Regex.Replace(message,
            @"\((\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}[+-]\d{2}:\d{2} to \d{4}-\d{2}-\d{2}T(\d{2}:\d{2}):\d{2}[+-]\d{2}:\d{2}\)", "(de $2 à $3)");
        foreach (var (en, fr) in Known)
        {
            if (message.Contains(en, StringComparison.Ordinal)) message = message.Replace(en, fr, StringComparison.Ordinal);
        }
        return message;
    }

    private static readonly (string En, string Fr)[] Known =
    [
        ("It overlaps a published slot", "Chevauche un créneau déjà publié"),
        ("It overlaps an MMG shift", "Chevauche une garde MMG"),
        ("It overlaps a teleconsultation", "Chevauche une téléconsultation"),
        ("It overlaps a busy time of the practitioner's own calendar", "Chevauche un moment occupé de votre agenda personnel"),
        ("It overlaps another commitment", "Chevauche un autre engagement"),
        ("A slot cannot start in the past.", "Un créneau ne peut pas commencer dans le passé."),
        ("Slots are published at most", "Les créneaux se publient au plus"),
        ("days ahead.", "jours à l'avance."),
        ("A slot lasts between", "Un créneau dure entre"),
        ("minutes and", "minutes et"),
        ("hours.", "heures."),
        ("end must be after start.", "La fin doit suivre le début."),
        ("The series holds no slot: the period is shorter than one slot.", "La période est plus courte qu'un créneau."),
        ("siteId is required for in-person and home-visit slots.", "Choisissez le lieu pour un créneau au cabinet ou une visite."),
        ("The slot is booked: cancel the booking before withdrawing the slot.", "Ce créneau est réservé : annulez d'abord le rendez-vous."),
        ("The appointment has not started yet.", "Le rendez-vous n'a pas encore commencé."),
        ("The patient has no regular doctor to be re-oriented to.", "Le patient n'a pas de médecin traitant."),
        ("The booking was cancelled.", "Le rendez-vous a été annulé."),
        ("The appointment already has an outcome; it can no longer be cancelled.", "Le rendez-vous a déjà une issue : il ne peut plus être annulé."),
    ];
}
