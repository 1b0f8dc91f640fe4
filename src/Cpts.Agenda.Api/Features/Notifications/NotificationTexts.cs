namespace Cpts.Agenda.Api.Features.Notifications;

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

    /// <summary>The text of any kind, from the facts its subject kind loads (null: no text for that kind).</summary>
    public static Message? Render(string kind, string recipient, object facts) => facts switch
    {
        BookingFacts b => Render(kind, recipient, b),
        ShiftFacts s => Render(kind, s),
        TeleconsultationFacts t => Render(kind, t),
        PractitionerNoticeFacts n => Render(kind, n),
        _ => null,
    };

    /// <summary>The assignee's reminder, the swap request to the practitioner asked and the coordinator's open-shift alerts.</summary>
    public static Message? Render(string kind, ShiftFacts f)
    {
        var where = $"{f.SiteName}, {f.SiteAddress}, {f.SitePostalCode} {f.SiteCity}";
        var period = $"{When(f.StartsAt)} {Until(f.StartsAt, f.EndsAt)}";
        if (kind == "shift-reminder-48h")
            return new("Rappel de garde", $"Rappel : vous êtes de garde {period}, {where}.");
        if (kind == "swap-request")
            return new("Demande d'échange de garde",
                $"{f.AssigneeFirstName} {f.AssigneeLastName} vous demande de reprendre sa garde {period}, {where}. Acceptez ou refusez dans l'agenda de la CPTS.");
        // No lead in the text: an alert planned late (a shift generated 4 days ahead) goes out at once.
        if (kind.StartsWith("open-shift-alert-", StringComparison.Ordinal))
            return new("Garde non pourvue",
                $"Garde non pourvue : la garde{ShiftProfession(f.Profession)} {period}, {f.SiteName}, n'a pas encore de titulaire.");
        return null;
    }

    /// <summary>The nurse's reminder of an assisted teleconsultation.</summary>
    public static Message? Render(string kind, TeleconsultationFacts f)
    {
        if (!kind.StartsWith("teleconsultation-reminder-", StringComparison.Ordinal)) return null;
        var doctor = f.DoctorProfession == "generalist"
            ? $"le Dr {f.DoctorFirstName} {f.DoctorLastName}"
            : $"{f.DoctorFirstName} {f.DoctorLastName} ({Profession(f.DoctorProfession)})";
        var where = f.SiteName is null
            ? " (hors cabinet)"
            : $", {f.RoomName}, {f.SiteName}, {f.SiteAddress}, {f.SitePostalCode} {f.SiteCity}";
        return new("Rappel de téléconsultation",
            $"Rappel : téléconsultation assistée {When(f.StartsAt)} avec {doctor}{where}. Les informations du patient sont dans l'agenda de la CPTS.");
    }

    /// <summary>The calendars feature's notices: a free slot withdrawn, a booked slot clashing with a busy time.</summary>
    public static Message? Render(string kind, PractitionerNoticeFacts f)
    {
        var slot = f.SlotStartsAt is { } at ? $"{When(at)}{SlotPlace(f)}" : "";
        return kind switch
        {
            "slot-withdrawn-busy" => new("Créneau retiré",
                $"Votre créneau {slot} a été retiré de l'agenda de la CPTS : il chevauche un moment occupé de votre agenda personnel."),
            "booked-slot-clashes-busy" => new("Rendez-vous en conflit avec votre agenda",
                $"Attention : votre rendez-vous réservé {slot} chevauche un moment occupé de votre agenda personnel. Le rendez-vous est maintenu ; en cas d'empêchement, merci de prévenir la coordination de la CPTS."),
            _ => null,
        };
    }

    /// <summary>"de 20h à 0h" style end: "jusqu'à 23h" the same Paris day, "jusqu'au mardi 24 novembre à 8h" another.</summary>
    public static string Until(DateTimeOffset start, DateTimeOffset end)
    {
        var (s, e) = (Paris.ToLocal(start), Paris.ToLocal(end));
        if (s.Date == e.Date) return $"jusqu'à {Time(e)}";
        if (e.TimeOfDay == TimeSpan.Zero && e.Date == s.Date.AddDays(1)) return "jusqu'à minuit";
        return "jusqu'au " + When(end)["le ".Length..];
    }

    private static string Time(DateTimeOffset local) => local.Minute == 0 ? $"{local.Hour}h" : $"{local.Hour}h{local.Minute:00}";

    private static string SlotPlace(PractitionerNoticeFacts f) => f.SlotMode switch
    {
        "teleconsultation" => " (téléconsultation)",
        "home-visit" => " (visite à domicile)",
        _ when f.SiteName is not null => $", {f.SiteName}, {f.SiteAddress}, {f.SitePostalCode} {f.SiteCity}",
        _ => "",
    };

    private static string ShiftProfession(string profession) => profession switch
    {
        "generalist" => " de médecine générale",
        "nurse" => " infirmière",
        "physiotherapist" => " de masso-kinésithérapie",
        "pharmacist" => " de pharmacie",
        "midwife" => " de sage-femme",
        "speech-therapist" => " d'orthophonie",
        _ => "",
    };

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
