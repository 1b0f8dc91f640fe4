using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Api.Features.Notifications;

public sealed record Message(string Subject, string Text);

/// <summary>What the texts of a booking's notifications say: the appointment, never the patient's identity.</summary>
public sealed record BookingFacts
{
    public const string Sql = """
        SELECT b.starts_at, b.channel AS booked_through, b.patient_phone, sl.mode,
               p.first_name AS practitioner_first_name, p.last_name AS practitioner_last_name, p.profession,
               s.name AS site_name, s.address AS site_address, s.postal_code AS site_postal_code, s.city AS site_city
        FROM bookings b
        JOIN practitioners p ON p.id = b.practitioner_id
        JOIN slots sl ON sl.id = b.slot_id
        LEFT JOIN sites s ON s.id = sl.site_id
        WHERE b.id = @SubjectId
        """;

    public DateTimeOffset StartsAt { get; init; }
    public string BookedThrough { get; init; } = "";
    public string? PatientPhone { get; init; }
    public string Mode { get; init; } = "";
    public string PractitionerFirstName { get; init; } = "";
    public string PractitionerLastName { get; init; } = "";
    public string Profession { get; init; } = "";
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SitePostalCode { get; init; }
    public string? SiteCity { get; init; }
}

/// <summary>Message texts, in French, with Paris local times ("le lundi 23 novembre à 14h30").</summary>
public static class NotificationTexts
{
    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>"le lundi 23 novembre à 14h30", "le mardi 1er décembre à 9h".</summary>
    public static string When(DateTimeOffset instant)
    {
        var local = Paris.ToLocal(instant);
        var day = local.Day == 1 ? "1er" : local.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var time = local.Minute == 0 ? $"{local.Hour}h" : $"{local.Hour}h{local.Minute:00}";
        return $"le {Days[(int)local.DayOfWeek]} {day} {Months[local.Month - 1]} à {time}";
    }

    public static Message? Render(string kind, string recipient, BookingFacts f)
    {
        var when = When(f.StartsAt);
        if (kind.StartsWith("patient-reminder-", StringComparison.Ordinal))
            return new("Rappel de rendez-vous",
                $"Rappel : rendez-vous {when} avec {Who(f)}{Where(f)}. En cas d'empêchement, merci de prévenir le cabinet.");
        if (kind == "booking-notice")
            return new("Nouveau rendez-vous",
                $"Nouveau rendez-vous {when}{Where(f)}, pris par {Through(f.BookedThrough)}. Les informations du patient sont dans l'agenda de la CPTS.");
        if (kind == "booking-cancelled")
            return recipient == "patient"
                ? new("Rendez-vous annulé", $"Annulation : votre rendez-vous {when} avec {Who(f)} est annulé.")
                : new("Rendez-vous annulé", $"Annulation : le rendez-vous {when} est annulé ; le créneau est de nouveau libre dans l'agenda.");
        return null;
    }

    private static string Who(BookingFacts f) => f.Profession == "generalist"
        ? $"le Dr {f.PractitionerFirstName} {f.PractitionerLastName}"
        : $"{f.PractitionerFirstName} {f.PractitionerLastName} ({Profession(f.Profession)})";

    private static string Where(BookingFacts f) => f.Mode switch
    {
        "teleconsultation" => " en téléconsultation",
        "home-visit" => " (visite à domicile)",
        _ when f.SiteName is not null => $", {f.SiteName}, {f.SiteAddress}, {f.SitePostalCode} {f.SiteCity}",
        _ => "",
    };

    private static string Profession(string profession) => profession switch
    {
        "nurse" => "infirmier·e",
        "physiotherapist" => "masseur-kinésithérapeute",
        "pharmacist" => "pharmacien·ne",
        "midwife" => "sage-femme",
        "speech-therapist" => "orthophoniste",
        _ => "professionnel·le de santé",
    };

    private static string Through(string channel) => channel switch
    {
        "sas" => "la régulation du SAS",
        "nurse" => "un·e infirmier·e",
        "pharmacist" => "un·e pharmacien·ne",
        "practitioner" => "un médecin",
        _ => "la coordination de la CPTS",
    };
}
