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

/// <summary>What a shift's notifications say: when, where, which profession.</summary>
public sealed record ShiftFacts
{
    public const string Sql = """
        SELECT s.starts_at, s.ends_at, s.profession,
               si.name AS site_name, si.address AS site_address, si.postal_code AS site_postal_code, si.city AS site_city,
               a.first_name AS assignee_first_name, a.last_name AS assignee_last_name
        FROM shifts s JOIN sites si ON si.id = s.site_id
        LEFT JOIN practitioners a ON a.id = s.assignee_id
        WHERE s.id = @SubjectId
        """;

    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Profession { get; init; } = "";
    public string SiteName { get; init; } = "";
    public string SiteAddress { get; init; } = "";
    public string SitePostalCode { get; init; } = "";
    public string SiteCity { get; init; } = "";
    /// <summary>Who holds the shift now (for a swap request: the practitioner asking).</summary>
    public string? AssigneeFirstName { get; init; }
    public string? AssigneeLastName { get; init; }
}

/// <summary>What the nurse's reminder of a teleconsultation says: when, where, with which doctor; never the patient.</summary>
public sealed record TeleconsultationFacts
{
    public const string Sql = """
        SELECT t.starts_at, d.first_name AS doctor_first_name, d.last_name AS doctor_last_name, d.profession AS doctor_profession,
               r.name AS room_name, si.name AS site_name, si.address AS site_address, si.postal_code AS site_postal_code, si.city AS site_city
        FROM teleconsultations t
        JOIN practitioners d ON d.id = t.doctor_id
        LEFT JOIN rooms r ON r.id = t.room_id
        LEFT JOIN sites si ON si.id = t.site_id
        WHERE t.id = @SubjectId
        """;

    public DateTimeOffset StartsAt { get; init; }
    public string DoctorFirstName { get; init; } = "";
    public string DoctorLastName { get; init; } = "";
    public string DoctorProfession { get; init; } = "";
    public string? RoomName { get; init; }
    public string? SiteName { get; init; }
    public string? SiteAddress { get; init; }
    public string? SitePostalCode { get; init; }
    public string? SiteCity { get; init; }
}

/// <summary>What a practitioner notice of the calendars feature says: the slot concerned, never a patient.</summary>
public sealed record PractitionerNoticeFacts
{
    public const string Sql = """
        SELECT n.kind, sl.starts_at AS slot_starts_at, sl.mode AS slot_mode,
               si.name AS site_name, si.address AS site_address, si.postal_code AS site_postal_code, si.city AS site_city
        FROM practitioner_notices n
        LEFT JOIN slots sl ON sl.id = n.slot_id
        LEFT JOIN sites si ON si.id = sl.site_id
        WHERE n.id = @SubjectId
        """;

    public string Kind { get; init; } = "";
    public DateTimeOffset? SlotStartsAt { get; init; }
    public string? SlotMode { get; init; }
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
