using System.Net.Http.Json;
using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Members;

/// <summary>Who may sign in as what: the coordinator's members API and page, and what a role change does at the next sign-in.</summary>
public sealed class MembersTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_api_adds_lists_and_changes_a_members_role_coordinator_only()
    {
        var coordinator = app.Coordinator();
        var created = await (await coordinator.PostJsonAsync("/api/members", new { displayName = "Secrétaire Api", role = "secretary", email = "Sec.Api@cpts.example" }))
            .ShouldBe(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("secretary", created.GetProperty("role").GetString());

        var list = await (await coordinator.GetAsync("/api/members?search=sec.api@cpts.example")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var changed = await (await coordinator.PutAsJsonAsync($"/api/members/{id}/role", new { role = "regulator" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("regulator", changed.GetProperty("role").GetString());
        var none = await (await coordinator.PutAsJsonAsync($"/api/members/{id}/role", new { role = (string?)null })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.GetProperty("role").ValueKind);

        var practitionerRole = await (await coordinator.PutAsJsonAsync($"/api/members/{id}/role", new { role = "practitioner" })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(practitionerRole.GetProperty("errors").TryGetProperty("role", out _));
        var twice = await (await coordinator.PostJsonAsync("/api/members", new { displayName = "Autre", email = "sec.api@CPTS.example" })).ShouldBe(HttpStatusCode.Conflict);
        Assert.Contains("e-mail", twice.GetProperty("detail").GetString());
        var noWay = await (await coordinator.PostJsonAsync("/api/members", new { displayName = "Personne" })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(noWay.GetProperty("errors").TryGetProperty("email", out _));
        var unknown = await (await coordinator.PostJsonAsync("/api/members", new { displayName = "X", practitionerId = Guid.NewGuid() })).ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("practitionerId", out _));
        await (await coordinator.PutAsJsonAsync($"/api/members/{Guid.NewGuid()}/role", new { role = "secretary" })).ShouldBe(HttpStatusCode.NotFound);

        await (await app.Regulator().GetAsync("/api/members")).ShouldBe(HttpStatusCode.Forbidden);
        await (await app.Regulator().PutAsJsonAsync($"/api/members/{id}/role", new { role = "coordinator" })).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Equal(2L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'member.role' AND object_id = @id AND outcome = 'done'", new { id = id.ToString() }));
    }

    [Fact]
    public async Task The_coordinator_adds_a_nurse_by_RPPS_then_changes_her_role_from_the_page()
    {
        var nurse = await app.NewPractitionerAsync("nurse", lastName: "Membre");
        var page = await app.CoordinatorAsync();
        var added = await page.PostAsync("/coordination/membres", ("_handler", "membre"), ("Form.Nom", "Alex Membre"), ("Form.Role", "nurse"), ("Form.Rpps", nurse.Rpps));
        Assert.Contains("Alex Membre est membre, rôle infirmier·e.", added);
        var memberId = await app.ScalarAsync<Guid>("SELECT id FROM members WHERE practitioner_id = @Id", new { nurse.Id });
        Assert.Contains("praticien Alex Membre", added);

        var unknown = await page.PostAsync("/coordination/membres", HttpStatusCode.BadRequest, ("_handler", "membre"), ("Form.Nom", "Inconnu"),
            ("Form.Role", "practitioner"), ("Form.Rpps", AgendaApp.NewRpps()));
        Assert.Contains("Aucun praticien de l'annuaire n'a ce RPPS.", unknown);

        var changed = await page.PostAsync("/coordination/membres", ("_handler", $"role-{memberId}"), ("Role", "coordinator"));
        Assert.Contains("Alex Membre a maintenant le rôle coordination.", changed);
        Assert.Equal("coordinator", await app.ScalarAsync<string>("SELECT role FROM members WHERE id = @memberId", new { memberId }));

        // The role is read at sign-in: she now opens the coordination pages.
        var her = PageClient.For(app);
        await her.SignInAsync(memberId, "/coordination/membres");
        Assert.Contains("Membres et rôles", await her.ReadAsync("/coordination/membres"));
    }
}
