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
}
