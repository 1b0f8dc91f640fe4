using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cpts.Agenda.IntegrationTests.Browser;

/// <summary>The nurse's assisted teleconsultation in Chromium, every page checked with axe.</summary>
public sealed class NurseJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_nurse_books_an_assisted_teleconsultation_choosing_a_free_doctor_then_sees_it_in_her_day()
    {
        var cab = await App.NewCabinetAsync(minPatientAge: 6);
        await App.ScalarAsync<int>("UPDATE practitioners SET last_name = 'Distante' WHERE id = @Id RETURNING 1", new { Id = cab.DoctorId });
        var busy = await App.NewPractitionerAsync("generalist", "Indisponible");
        var day = App.Day(2);
        await App.PublishSlotAsync(busy.Id, App.At(10, daysAhead: 2), 30, mode: "teleconsultation");
        await SignInAsNewMemberAsync(Page, Roles.Nurse, "Manon Navigatrice", cab.NurseId);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Téléconsultation assistée" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Téléconsultation assistée", Level = 1 })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("nurse-rooms");

        await Page.GetByLabel("Salle : lun.").CheckAsync();
        await Page.GetByLabel("2. Quel jour ?").FillAsync(Http.Iso(day));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Voir les horaires libres" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "10:00–10:30" })).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("nurse-cells");

        await Page.GetByRole(AriaRole.Link, new() { Name = "10:00–10:30" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Médecins libres" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("Indisponible")).ToHaveCountAsync(0);
        await Page.GetByLabel("Alex Distante · médecin généraliste").CheckAsync();
        await Page.GetByLabel("Prénom").FillAsync("Lucienne");
        await Page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Patiente");
        await Page.GetByLabel("Date de naissance").FillAsync("1941-09-30");
        await Page.GetByLabel("Téléphone du patient").FillAsync("06 44 55 66 77");
        await Page.GetByLabel("Non", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Motif").FillAsync("Suivi de plaie");
        await Page.CheckAccessibilityAsync("nurse-desk");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Réserver la téléconsultation" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La téléconsultation est réservée.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ma journée");
        await Expect(Page.GetByText("Lucienne Patiente")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Alex Distante")).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("nurse-day");
        Assert.DoesNotContain("Lucienne", Page.Url);
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM teleconsultations WHERE nurse_id = @NurseId", new { cab.NurseId }));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Voir la semaine" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ma semaine du");
        await Expect(Page.GetByText("Lucienne Patiente")).ToBeVisibleAsync();
        await Page.CheckAccessibilityAsync("nurse-week");
    }
}
