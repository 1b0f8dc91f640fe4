using System.Text;
using Cpts.Agenda.IntegrationTests.Web;

namespace Cpts.Agenda.IntegrationTests.Features.Reports;

/// <summary>The funders' figures as a page: a table, three inline SVG charts with their data table, the CSV download; the audit and notifications views.</summary>
public sealed class IndicatorsPageTests(AgendaApp app) : IClassFixture<AgendaApp>
{

    [Fact]
    public async Task The_indicators_page_shows_the_figures_as_a_table_and_accessible_charts_and_downloads_the_csv()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Indicatrice");
        var start = app.NextHour(2);
        var slot = await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation");
        await app.PublishSlotAsync(gp.Id, start.AddHours(1), mode: "teleconsultation");
        await app.BookAsync(app.Regulator(), slot);
        var day = Paris.LocalDate(start);
        var page = await app.CoordinatorAsync();

        var html = await page.ReadAsync($"/coordination/indicateurs?du={Http.Iso(day.AddDays(-7))}&au={Http.Iso(day)}");
        Assert.Contains("Créneaux SNP publiés</th><td class=\"num\">2</td>", html);
        Assert.Contains("Réservations par la régulation SAS</th><td class=\"num\">1</td>", html);
        Assert.Equal(3, html.Split("<svg ").Length - 1);
        html.ShouldContainAll(
            "role=\"img\" aria-labelledby=\"creneaux-titre creneaux-desc\"",
            "<title id=\"canaux-titre\">Réservations par canal et par semaine</title>", "<desc id=\"teleconsultations-desc\">",
            "Les chiffres des graphiques, semaine par semaine");
        Assert.Contains("· Publiés : 2</title>", html); // each bar says its value

        var csv = await page.Http.GetAsync($"/coordination/indicateurs.csv?du={Http.Iso(day.AddDays(-7))}&au={Http.Iso(day)}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("semaine;creneaux_publies;", text);
        Assert.Contains("total;2;1;1;", text);

        var bad = await page.ReadAsync($"/coordination/indicateurs?du={Http.Iso(day)}&au={Http.Iso(day.AddDays(-3))}", HttpStatusCode.BadRequest);
        Assert.Contains("Une date de fin après le début", bad);
        var anonymous = await PageClient.For(app).Http.GetAsync("/coordination/indicateurs.csv");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_audit_trail_filters_by_who_and_what_and_names_members_and_the_notifications_filter_by_status_and_kind()
    {
        var page = await app.CoordinatorAsync("Coordinatrice Journal");
        var gp = await app.NewPractitionerAsync(lastName: "Journalisé");
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(30), mode: "teleconsultation");
        await app.BookAsync(app.Regulator(), slot);
        await page.PostAsync("/coordination/membres", ("_handler", "membre"), ("Form.Nom", "Secrétaire Journal"), ("Form.Role", "secretary"), ("Form.Email", "sj@cpts.example"));

        var members = await page.ReadAsync("/coordination/journal?quoi=member");
        Assert.Contains("member.create", members);
        Assert.Contains("Coordinatrice Journal", members); // the member's name, not her id
        Assert.DoesNotContain("booking.create", members);
        var bookings = await page.ReadAsync("/coordination/journal?quoi=booking");
        Assert.Contains("booking.create", bookings);
        Assert.DoesNotContain("member.create", bookings);

        await using (var c = await app.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, """
                INSERT INTO notifications (id, kind, channel, recipient, subject_kind, subject_id, subject_at, due_at, not_before, status, attempts, created_at)
                VALUES (gen_random_uuid(), 'open-shift-alert-3d', 'sms', 'coordinator', 'shift', gen_random_uuid(), now(), now(), now(), 'failed', 5, now())
                """);
        }
        var failed = await page.ReadAsync("/coordination/notifications?etat=failed&type=open-shift-alert");
        Assert.Contains("open-shift-alert-3d", failed);
        Assert.Contains("échec", failed);
        Assert.Contains("Aucune notification ne correspond.", await page.ReadAsync("/coordination/notifications?etat=cancelled&type=open-shift-alert"));
        var api = await (await app.Coordinator().GetAsync("/api/notifications?status=failed&kind=open-shift-alert")).ShouldBe(HttpStatusCode.OK);
        Assert.Single(api.GetProperty("items").EnumerateArray());
        await (await app.Coordinator().GetAsync("/api/notifications?status=lost")).ShouldBe(HttpStatusCode.BadRequest);
    }
}
