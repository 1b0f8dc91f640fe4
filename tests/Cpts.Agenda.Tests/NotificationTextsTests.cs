using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Tests;

public sealed class NotificationTextsTests
{
    [Theory]
    [InlineData("2026-11-23T13:30:00Z", "le lundi 23 novembre à 14h30")] // winter, UTC+1
    [InlineData("2026-07-01T07:05:00Z", "le mercredi 1er juillet à 9h05")] // summer, UTC+2
    [InlineData("2026-03-29T01:00:00Z", "le dimanche 29 mars à 3h")] // the spring-forward night: 02:00 UTC+1 does not exist
    [InlineData("2026-10-25T01:30:00Z", "le dimanche 25 octobre à 2h30")] // the autumn night, second 02:30 (UTC+1)
    public void Times_are_written_in_French_in_Paris_local_time(string instant, string expected) =>
        Assert.Equal(expected, NotificationTexts.When(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(24 * 60, "24h")]
    [InlineData(120, "2h")]
    [InlineData(90, "90min")]
    public void Reminder_kinds_name_their_lead(int minutes, string label) =>
        Assert.Equal(label, NotificationPlans.LeadLabel(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void A_patient_reminder_names_the_time_the_practitioner_and_the_place_but_not_the_patient()
    {
        var text = NotificationTexts.Render("patient-reminder-24h", "patient", new BookingFacts
        {
            StartsAt = DateTimeOffset.Parse("2026-11-23T13:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Mode = "in-person", PractitionerFirstName = "Claire", PractitionerLastName = "Martin-Demo", Profession = "generalist",
            SiteName = "Maison de santé", SiteAddress = "3 rue de la Gare", SitePostalCode = "70000", SiteCity = "Vesoul",
            PatientPhone = "06 12 34 56 78",
        })!.Text;
        Assert.Equal("Rappel : rendez-vous le lundi 23 novembre à 14h30 avec le Dr Claire Martin-Demo, Maison de santé, 3 rue de la Gare, 70000 Vesoul. "
            + "En cas d'empêchement, merci de prévenir le cabinet.", text);
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-28T19:00:00Z", "2026-11-28T23:00:00Z", "jusqu'à minuit")] // 20h-24h Paris
    [InlineData("2026-11-28T07:00:00Z", "2026-11-28T19:00:00Z", "jusqu'à 20h")]
    [InlineData("2026-11-28T19:00:00Z", "2026-11-29T07:00:00Z", "jusqu'au dimanche 29 novembre à 8h")]
    public void A_shift_says_until_when_in_Paris_time(string start, string end, string expected) =>
        Assert.Equal(expected, NotificationTexts.Until(At(start), At(end)));

    [Fact]
    public void An_open_shift_alert_names_the_shift_and_the_site()
    {
        var text = NotificationTexts.Render("open-shift-alert-7d", "coordinator", new ShiftFacts
        {
            StartsAt = At("2026-11-28T19:00:00Z"), EndsAt = At("2026-11-28T23:00:00Z"), Profession = "generalist",
            SiteName = "MMG de Vesoul", SiteAddress = "1 rue de l'Hôpital", SitePostalCode = "70000", SiteCity = "Vesoul",
        })!.Text;
        Assert.Equal("Garde non pourvue : la garde de médecine générale le samedi 28 novembre à 20h jusqu'à minuit, MMG de Vesoul, n'a pas encore de titulaire.", text);
    }

    [Fact]
    public void A_teleconsultation_reminder_names_the_doctor_and_the_room_but_no_patient()
    {
        var text = NotificationTexts.Render("teleconsultation-reminder-1h", "nurse-id", new TeleconsultationFacts
        {
            StartsAt = At("2026-07-01T08:00:00Z"), DoctorFirstName = "Claire", DoctorLastName = "Martin-Demo", DoctorProfession = "generalist",
            RoomName = "Cabinet 1", SiteName = "Maison de santé", SiteAddress = "3 rue de la Gare", SitePostalCode = "70000", SiteCity = "Vesoul",
        })!.Text;
        Assert.Equal("Rappel : téléconsultation assistée le mercredi 1er juillet à 10h avec le Dr Claire Martin-Demo, Cabinet 1, Maison de santé, "
            + "3 rue de la Gare, 70000 Vesoul. Les informations du patient sont dans l'agenda de la CPTS.", text);
    }

    [Fact]
    public void A_booked_slot_clashing_with_a_busy_time_is_announced_as_kept()
    {
        var text = NotificationTexts.Render("booked-slot-clashes-busy", "gp-id", new PractitionerNoticeFacts
        {
            Kind = "booked-slot-clashes-busy", SlotStartsAt = At("2026-11-23T13:30:00Z"), SlotMode = "teleconsultation",
        })!.Text;
        Assert.StartsWith("Attention : votre rendez-vous réservé le lundi 23 novembre à 14h30 (téléconsultation) chevauche un moment occupé", text, StringComparison.Ordinal);
    }
}
