using System.Text.RegularExpressions;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Rooms;
using Cpts.Agenda.Api.Web;

namespace Cpts.Agenda.Api.Features.Telemedicine.Pages;

/// <summary>What the nurse's pages say: a room's opening hours, and the teleconsultation use cases' refusals in French.</summary>
public static partial class TelemedicineText
{
    private static readonly string[] Days = ["", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];

    /// <summary>"lun.–ven. 08:00–12:00, 13:00–20:00 · sam. 09:00–12:00": following days with the same hours are written once.</summary>
    public static string Hours(IReadOnlyList<OpeningInterval> hours)
    {
        var byDay = hours.GroupBy(h => h.DayOfWeek).Where(g => g.Key is >= 1 and <= 7).OrderBy(g => g.Key)
            .Select(g => (Day: g.Key, Text: string.Join(", ", g.OrderBy(h => h.Start, StringComparer.Ordinal).Select(h => $"{h.Start}–{h.End}"))))
            .ToList();
        var runs = new List<(int First, int Last, string Text)>();
        foreach (var (day, text) in byDay)
        {
            if (runs.Count > 0 && runs[^1].Last == day - 1 && runs[^1].Text == text) runs[^1] = (runs[^1].First, day, text);
            else runs.Add((day, day, text));
        }
        var written = string.Join(" · ", runs.Select(r => $"{(r.First == r.Last ? Days[r.First] : $"{Days[r.First]}–{Days[r.Last]}")} {r.Text}"));
        return written.Length == 0 ? "aucun horaire d'ouverture" : written;
    }

    /// <summary>The refusal of a booking, a cancellation or an outcome in French; the doctor's name where the use case says "the doctor".</summary>
    public static string Refusal(string message, string? doctor = null)
    {
        var reserved = ReservedFor().Match(message);
        if (reserved.Success) return $"La salle est réservée pour « {reserved.Groups[1].Value} » à cette heure : seules ses téléconsultations ou la coordination peuvent l'utiliser.";
        var age = FromAge().Match(message);
        if (age.Success) return $"Cette salle reçoit les patients à partir de {age.Groups[1].Value} ans.";
        var who = doctor is null ? "Le médecin" : doctor;
        foreach (var (en, fr) in Known) message = message.Replace(en, fr.Replace("{doctor}", who, StringComparison.Ordinal), StringComparison.Ordinal);
        return message;
    }

    private static readonly (string En, string Fr)[] Known =
    [
        ("The room is taken at that time.", "La salle est déjà prise à cette heure."),
        ("The nurse is already committed at that time (another teleconsultation, a slot or a shift).", "Vous êtes déjà engagée à cette heure (une autre téléconsultation, un créneau ou une garde)."),
        ("The doctor is already committed at that time (another teleconsultation, a slot or a shift).", "{doctor} est déjà engagé·e à cette heure (une autre téléconsultation, un créneau ou une garde)."),
        ("The nurse and the doctor have a busy time in their own calendar at that time.", "Vous et {doctor} avez un moment occupé dans votre agenda personnel à cette heure."),
        ("The nurse has a busy time in their own calendar at that time.", "Vous avez un moment occupé dans votre agenda personnel à cette heure."),
        ("The doctor has a busy time in their own calendar at that time.", "{doctor} a un moment occupé dans son agenda personnel à cette heure."),
        ("The room, the nurse or the doctor was taken at that time by another booking; try again.", "La salle, vous-même ou le médecin venez d'être pris par une autre réservation : choisissez un autre horaire."),
        ("A teleconsultation cannot start in the past.", "Une téléconsultation ne peut pas commencer dans le passé."),
        ("The teleconsultation was cancelled.", "La téléconsultation a été annulée."),
        ("The teleconsultation has not started yet.", "La téléconsultation n'a pas encore commencé : son issue s'enregistre après son début."),
        ("The patient has no regular doctor to be re-oriented to.", "Le patient n'a pas de médecin traitant."),
        ("The teleconsultation already has an outcome; it can no longer be cancelled.", "La téléconsultation a déjà une issue : elle ne peut plus être annulée."),
        ("This Idempotency-Key was already used with a different request; use a new key for a new request.", "Ce formulaire a déjà servi pour une autre réservation : rechargez la page."),
    ];

    [GeneratedRegex(@"^The room is reserved for (.+) at that time;")]
    private static partial Regex ReservedFor();

    [GeneratedRegex(@"^This room receives patients from (\d+) years old\.$")]
    private static partial Regex FromAge();

    /// <summary>"Dr Claire Martin" style label for a doctor in the nurse's lists.</summary>
    public static string Doctor(PractitionerDto p) =>
        $"{p.FirstName} {p.LastName} · {(p.Profession == Professions.Generalist ? "médecin généraliste" : p.Specialty ?? "médecin spécialiste")}";
}
