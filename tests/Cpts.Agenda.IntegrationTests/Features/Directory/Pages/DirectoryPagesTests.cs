using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Directory.Pages;

/// <summary>The coordinator's directory without JavaScript: practitioners, sites, rooms and reserved blocks, members and roles.</summary>
public sealed class DirectoryPagesTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_coordinator_adds_a_practitioner_finds_him_edits_his_contact_and_deactivates_him_keeping_his_history()
    {
        var page = await app.CoordinatorAsync();
        var rpps = AgendaApp.NewRpps();
        var response = await page.PostFormAsync("/coordination/praticiens", "/coordination/praticiens", new Dictionary<string, string>
        {
            ["_handler"] = "praticien", ["Form.Rpps"] = rpps, ["Form.FirstName"] = "Jules", ["Form.LastName"] = "Annuairé",
            ["Form.Profession"] = "generalist", ["Form.PostalCode"] = "70000", ["Form.City"] = "Vesoul", ["Form.Phone"] = "06 01 02 03 04",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await app.ScalarAsync<Guid>("SELECT id FROM practitioners WHERE rpps = @rpps", new { rpps });
        Assert.Equal($"/coordination/praticiens/{id}?cree=1", response.Headers.Location!.PathAndQuery());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'practitioner.create' AND object_id = @id", new { id = id.ToString() }));

        var found = await page.ReadAsync("/coordination/praticiens?q=Annuair");
        Assert.Contains("Annuairé Jules", found);
        Assert.Contains(rpps, found);
        Assert.Contains($"/coordination/praticiens/{id}", found);

        var path = $"/coordination/praticiens/{id}";
        var saved = await page.PostAsync(path, ("_handler", "coordonnees"), ("Form.Email", "jules@example.org"), ("Form.Phone", "06 99 88 77 66"),
            ("Form.PracticeName", "Cabinet des Tilleuls"), ("Form.PostalCode", "70000"), ("Form.City", "Vesoul"));
        Assert.Contains("Les coordonnées sont enregistrées.", saved);
        Assert.Equal("Cabinet des Tilleuls", await app.ScalarAsync<string>("SELECT practice_name FROM practitioners WHERE id = @id", new { id }));
        Assert.Equal("06 99 88 77 66", await app.ScalarAsync<string>("SELECT phone FROM practitioners WHERE id = @id", new { id }));

        var slot = await app.PublishSlotAsync(id, app.NextHour(3), mode: "teleconsultation");
        var left = await page.PostAsync(path, ("_handler", "desactiver"));
        Assert.Contains("parti de la CPTS", left);
        Assert.False(await app.ScalarAsync<bool>("SELECT active FROM practitioners WHERE id = @id", new { id }));
        Assert.Equal("withdrawn", await app.ScalarAsync<string>("SELECT status FROM slots WHERE id = @slot", new { slot }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM slots WHERE id = @slot", new { slot })); // history kept
        Assert.DoesNotContain("Annuairé Jules", await page.ReadAsync("/coordination/praticiens?q=Annuair"));
        Assert.Contains("parti", await page.ReadAsync("/coordination/praticiens?q=Annuair&inactifs=1"));

        Assert.Contains("Le praticien est de nouveau actif.", await page.PostAsync(path, ("_handler", "reactiver")));
        Assert.True(await app.ScalarAsync<bool>("SELECT active FROM practitioners WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_refused_practitioner_is_explained_beside_its_fields_and_a_known_RPPS_is_a_conflict()
    {
        var page = await app.CoordinatorAsync();
        var html = await page.PostAsync("/coordination/praticiens", HttpStatusCode.BadRequest, ("_handler", "praticien"), ("Form.Rpps", "12345678901"),
            ("Form.FirstName", ""), ("Form.LastName", "Sansprénom"), ("Form.Profession", "generalist"), ("Form.PostalCode", "700"));
        html.ShouldContainAll("Le RPPS a 11 chiffres", "Indiquez le prénom", "Le code postal a 5 chiffres.", "aria-describedby=\"erreur-rpps\"");

        var existing = await app.NewPractitionerAsync(lastName: "Doublon");
        var twice = await page.PostAsync("/coordination/praticiens", HttpStatusCode.Conflict, ("_handler", "praticien"), ("Form.Rpps", existing.Rpps),
            ("Form.FirstName", "Alex"), ("Form.LastName", "Doublon"), ("Form.Profession", "generalist"));
        Assert.Contains("un praticien de ce RPPS est déjà dans l'annuaire", twice);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM practitioners WHERE rpps = @Rpps", new { existing.Rpps }));
    }

    [Fact]
    public async Task The_coordinator_adds_a_telemedicine_site_a_room_with_its_hours_and_a_weekly_block_for_a_partner()
    {
        var page = await app.CoordinatorAsync();
        var response = await page.PostFormAsync("/coordination/sites", "/coordination/sites", new Dictionary<string, string>
        {
            ["_handler"] = "site", ["Form.Name"] = "Cabinet de télémédecine de Lure", ["Form.Kind"] = "telemedicine", ["Form.Address"] = "3 place de la Mairie",
            ["Form.PostalCode"] = "70200", ["Form.City"] = "Lure", ["Form.Latitude"] = "47,6833", ["Form.Longitude"] = "6.4967",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var siteId = await app.ScalarAsync<Guid>("SELECT id FROM sites WHERE name = 'Cabinet de télémédecine de Lure'");
        Assert.Equal(47.6833, await app.ScalarAsync<double>("SELECT latitude FROM sites WHERE id = @siteId", new { siteId }), 4);
        Assert.Contains("47,6833, 6,4967", await page.ReadAsync("/coordination/sites"));

        var path = $"/coordination/sites/{siteId}";
        var unreadable = await page.PostAsync(path, HttpStatusCode.BadRequest, ("_handler", "salle"), ("Salle.Nom", "Salle 1"), ("Salle.Grille", "30"),
            ("Salle.AgeMinimum", "6"), ("Salle.Horaires", "lundi matin"));
        Assert.Contains("Ligne illisible : « lundi matin »", unreadable);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM rooms WHERE site_id = @siteId", new { siteId }));

        var added = await page.PostAsync(path, ("_handler", "salle"), ("Salle.Nom", "Salle 1"), ("Salle.Grille", "20"), ("Salle.AgeMinimum", "3"),
            ("Salle.Horaires", "lundi 08:30-12:00\nmardi 14:00-18:00"));
        Assert.Contains("La salle Salle 1 est ajoutée.", added);
        Assert.Contains("Grille de 20 minutes · patients de 3 ans et plus", added);
        Assert.Contains("lundi 08:30–12:00 ; mardi 14:00–18:00", added);
        var roomId = await app.ScalarAsync<Guid>("SELECT id FROM rooms WHERE site_id = @siteId", new { siteId });

        var today = Http.Iso(Paris.LocalDate(app.Clock.GetUtcNow()));
        var reserved = await page.PostAsync(path, ("_handler", $"bloc-{roomId}"), ("Bloc.Jour", "2"), ("Bloc.Debut", "14:00"),
            ("Bloc.Fin", "16:00"), ("Bloc.Pour", "Foyer Les Glycines"), ("Bloc.Du", today));
        Assert.Contains("est réservé chaque semaine pour Foyer Les Glycines", reserved);
        Assert.Contains("Terminer le bloc de Foyer Les Glycines", reserved);
        var clash = await page.PostAsync(path, HttpStatusCode.Conflict, ("_handler", $"bloc-{roomId}"), ("Bloc.Jour", "2"), ("Bloc.Debut", "15:00"),
            ("Bloc.Fin", "17:00"), ("Bloc.Pour", "EHPAD du Parc"), ("Bloc.Du", today));
        Assert.Contains("chevauche celui d'un autre partenaire", clash);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM room_reservations WHERE room_id = @roomId", new { roomId }));
    }

    [Fact]
    public async Task A_nurse_gets_the_denied_page_on_every_coordination_page_and_403_from_the_api()
    {
        var nurse = await app.NewPractitionerAsync("nurse", lastName: "Curieuse");
        var browser = await app.SignedInAsync(Roles.Nurse, "Infirmière Curieuse", nurse.Id);
        foreach (var path in CoordinatorPages.Paths)
        {
            var response = await browser.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/acces-refuse", response.Headers.Location!.PathAndQuery());
        }
        Assert.Contains("Accès refusé", await browser.ReadAsync("/acces-refuse", HttpStatusCode.Forbidden));
        var api = app.As(Roles.Nurse, nurse.Id);
        await (await api.GetAsync("/api/members")).ShouldBe(HttpStatusCode.Forbidden);
        await (await api.GetAsync("/api/audit")).ShouldBe(HttpStatusCode.Forbidden);
        await (await api.PostJsonAsync("/api/practitioners", new { rpps = AgendaApp.NewRpps(), firstName = "A", lastName = "B", profession = "nurse" }))
            .ShouldBe(HttpStatusCode.Forbidden);
    }
}
