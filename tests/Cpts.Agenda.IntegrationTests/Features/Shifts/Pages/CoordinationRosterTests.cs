using System.Globalization;
using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Shifts.Pages;

/// <summary>The coordinator's MMG roster: a month per site and profession, coverage, generation, assignment, release, pending swaps.</summary>
public sealed class CoordinationRosterTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task The_coordinator_generates_a_month_assigns_a_shift_sees_the_coverage_and_releases_it()
    {
        var site = await app.NewSiteAsync("mmg");
        var gp = await app.NewPractitionerAsync(lastName: "Degarde");
        var first = app.Today().AddMonths(1);
        var month = new DateOnly(first.Year, first.Month, 1);
        var path = $"/coordination/gardes?site={site.Id}&profession=generalist&mois={month:yyyy-MM}";
        var page = await app.CoordinatorAsync();

        var empty = await page.ReadAsync(path);
        Assert.Contains("Aucune garde générée pour ce mois", empty);
        var generated = await page.PostAsync(path, ("_handler", "generer"), ("Periode.Du", Http.Iso(month)), ("Periode.Au", Http.Iso(month.AddMonths(1).AddDays(-1))));
        var count = await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = @Id", new { site.Id });
        Assert.True(count >= DateTime.DaysInMonth(month.Year, month.Month), $"{count} shifts for a month");
        generated.ShouldContainAll(
            $"{count} gardes générées (modèle pdsa), ouvertes.", "Couverture : 0 %", $"(0 gardes pourvues sur {count} ; {count} à pourvoir)",
            "À POURVOIR");
        Assert.Contains("Degarde Alex", generated); // offered in the assignment form

        var again = await page.PostAsync(path, ("_handler", "generer"), ("Periode.Du", Http.Iso(month)), ("Periode.Au", Http.Iso(month.AddDays(6))));
        Assert.Contains("Aucune garde nouvelle", again);
        Assert.Equal(count, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE site_id = @Id", new { site.Id }));

        var shiftId = await app.ScalarAsync<Guid>("SELECT id FROM shifts WHERE site_id = @Id ORDER BY starts_at LIMIT 1", new { site.Id });
        var assigned = await page.PostAsync(path, ("_handler", "affecter"), ("Affectation.Garde", shiftId.ToString()), ("Affectation.Praticien", gp.Id.ToString()));
        Assert.Contains("est affectée à Alex Degarde", assigned);
        Assert.Contains($"(1 gardes pourvues sur {count} ;", assigned);
        Assert.Contains("Libérer la garde du", assigned);
        Assert.Equal(gp.Id, await app.ScalarAsync<Guid>("SELECT assignee_id FROM shifts WHERE id = @shiftId", new { shiftId }));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'shift.assign' AND object_id = @id", new { id = shiftId.ToString() }));

        var taken = await page.PostAsync(path, HttpStatusCode.Conflict, ("_handler", "affecter"), ("Affectation.Garde", shiftId.ToString()),
            ("Affectation.Praticien", (await app.NewPractitionerAsync(lastName: "Tardive")).Id.ToString()));
        Assert.Contains("Cette garde est déjà pourvue", taken);

        var released = await page.PostAsync(path, ("_handler", $"liberer-{shiftId}"));
        Assert.Contains("est libérée : elle est de nouveau à pourvoir.", released);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM shifts WHERE id = @shiftId AND assignee_id IS NOT NULL", new { shiftId }));
    }

    [Fact]
    public async Task Pending_swap_requests_of_the_site_are_listed_with_names()
    {
        var (siteId, evening) = await app.EveningShiftAsync(daysAhead: 3);
        var from = await app.NewPractitionerAsync(lastName: "Echangeuse");
        var to = await app.NewPractitionerAsync(lastName: "Remplaçante");
        await (await app.Coordinator().PostJsonAsync($"/api/shifts/{evening.Id()}/assign", new { practitionerId = from.Id })).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(from.Id).PostJsonAsync($"/api/shifts/{evening.Id()}/swap-requests", new { toPractitionerId = to.Id })).ShouldBe(HttpStatusCode.Created);

        var page = await app.CoordinatorAsync();
        var day = app.Today().AddDays(3);
        var html = await page.ReadAsync($"/coordination/gardes?site={siteId}&profession=generalist&mois={day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        html.ShouldContainAll("Demandes d'échange en attente", "Alex Echangeuse", "Alex Remplaçante", "1 gardes pourvues");
    }
}
