using System.Text.RegularExpressions;

namespace Cpts.Agenda.IntegrationTests.Web;

/// <summary>
/// "Trouver un médecin" without JavaScript: the search near a commune with names, addresses and
/// phones, paging without repeats or gaps, the booking form (French errors beside their fields, one
/// booking however often it is posted), the confirmation, a taken slot's alternatives, the day's
/// bookings and their cancellation; and the same roles and ownership as the API.
/// </summary>
public sealed partial class RegulatorPagesTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private Task<PageClient> RegulatorAsync(string name = "Régulateur Page") => app.SignedInAsync(Roles.Regulator, name);

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static List<Guid> BookLinks(string html) =>
        BookLink().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private static KeyValuePair<string, string>[] Patient(string firstName = "Paulette", string birthDate = "1961-04-12") =>
    [
        new("Form.Prenom", firstName), new("Form.Nom", "Patiente"), new("Form.Naissance", birthDate),
        new("Form.Telephone", "06 12 34 56 78"), new("Form.MedecinTraitant", "non"), new("Form.Motif", "Fièvre depuis deux jours"),
    ];

    [Fact]
    public async Task Searching_near_a_commune_shows_who_where_and_how_to_call_and_pages_without_repeats_or_gaps()
    {
        // A profession of its own, so other tests' slots stay out of this search.
        var midwife = await app.NewPractitionerAsync("midwife", lastName: "Sagefemme");
        var site = await app.NewSiteAsync(city: "Vesoul");
        var published = new List<Guid>();
        for (var i = 0; i < 12; i++) published.Add(await app.PublishSlotAsync(midwife.Id, app.NextHour().AddMinutes(20 * i), siteId: site.Id));

        var browser = await RegulatorAsync();
        var first = Text(await browser.HtmlAsync("/trouver?lieu=vesoul&rayon=20&profession=midwife"));
        first.ShouldContainAll("Créneaux libres près de Vesoul (70000)", "Alex Sagefemme", "1 rue de Test, 70000 Vesoul", site.Name, "Sage-femme");
        Assert.Matches(@"à \d+,\d km", first);
        Assert.Contains(Fr(app.NextHour()), first); // "mercredi 3 décembre à 14:00": French, Paris time

        var page1 = BookLinks(first);
        Assert.Equal(10, page1.Count);
        var next = NextLink().Match(first);
        Assert.True(next.Success, "a link to the next slots");
        var second = Text(await browser.HtmlAsync(WebUtility.HtmlDecode(next.Groups[1].Value)));
        var page2 = BookLinks(second);
        Assert.Equal(published, page1.Concat(page2).ToList()); // soonest first, each once, none missing
    }

    [Fact]
    public async Task An_unknown_commune_is_said_next_to_the_field()
    {
        var browser = await RegulatorAsync();
        var html = Text(await browser.HtmlAsync("/trouver?lieu=Atlantis"));
        Assert.Contains("Commune ou code postal inconnu des sites de la CPTS", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task Booking_from_the_form_books_once_however_often_it_is_posted_and_confirms_what_to_tell_the_patient()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Confirmée");
        var site = await app.NewSiteAsync();
        await app.ScalarAsync<int>("UPDATE sites SET phone = '03 84 11 22 33' WHERE id = @Id RETURNING 1", new { site.Id });
        var start = app.NextHour(2);
        var slot = await app.PublishSlotAsync(gp.Id, start, siteId: site.Id);
        var browser = await RegulatorAsync();

        var form = await browser.HtmlAsync($"/rendez-vous/{slot}");
        var first = await browser.SubmitAsync(form, $"/rendez-vous/{slot}", Patient());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var confirmation = first.Headers.Location!.PathAndQuery;
        Assert.Matches("^/reservations/[0-9a-f-]{36}$", confirmation);
        Assert.DoesNotContain("Paulette", confirmation);

        // The same form posted again (double click, reload of the post): the same booking.
        var again = await browser.SubmitAsync(form, $"/rendez-vous/{slot}", Patient());
        Assert.Equal(confirmation, again.Headers.Location?.PathAndQuery);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slot", new { slot }));
        Assert.Equal("sas", await app.ScalarAsync<string>("SELECT channel FROM bookings WHERE slot_id = @slot", new { slot }));
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'booking.create' AND object_id = @Id",
            new { Id = confirmation.Split('/')[^1] }) >= 1);

        var page = Text(await browser.HtmlAsync(confirmation));
        page.ShouldContainAll("Rendez-vous réservé", Fr(start), "1 rue de Test, 70000 Vesoul", "03 84 11 22 33", "Paulette Patiente");

        // Another regulator does not see this patient (page and API alike).
        var other = await RegulatorAsync("Autre Régulateur");
        var refused = await other.Http.GetAsync(confirmation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Paulette", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_form_says_in_french_next_to_each_field_what_to_fix_and_books_nothing()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(3), siteId: (await app.NewSiteAsync()).Id);
        var browser = await RegulatorAsync();
        var response = await browser.SubmitAsync($"/rendez-vous/{slot}", [.. Patient(firstName: "", birthDate: "2999-01-01").Where(f => f.Key != "Form.MedecinTraitant")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = Text(await response.Content.ReadAsStringAsync());
        html.ShouldContainAll(
            "Indiquez le prénom du patient", "Indiquez une date de naissance passée", "Répondez oui ou non.",
            "aria-describedby=\"erreur-patient-firstName\"");
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slot", new { slot }));
    }

    [Fact]
    public async Task A_taken_slot_says_so_and_offers_the_next_free_ones_nearby()
    {
        var gp = await app.NewPractitionerAsync(lastName: "Occupée");
        var neighbour = await app.NewPractitionerAsync(lastName: "Voisine");
        var site = await app.NewSiteAsync();
        var taken = await app.PublishSlotAsync(gp.Id, app.NextHour(4), siteId: site.Id);
        var free = await app.PublishSlotAsync(neighbour.Id, app.NextHour(5), siteId: site.Id);
        await app.BookAsync(app.Regulator(), taken);

        var browser = await RegulatorAsync();
        var html = Text(await browser.HtmlAsync($"/rendez-vous/{taken}"));
        Assert.Contains("Ce créneau n'est plus disponible", html);
        Assert.Contains("Prochains créneaux libres à proximité", html);
        Assert.Contains(free, BookLinks(html));
        Assert.DoesNotContain(taken, BookLinks(html));
        Assert.DoesNotContain("Réserver ce créneau", html); // no form for a taken slot
    }

    [Fact]
    public async Task The_days_bookings_show_their_state_and_one_is_cancelled_from_the_page()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(), siteId: (await app.NewSiteAsync()).Id);
        var browser = await RegulatorAsync("Régulatrice du Jour");
        var booked = await browser.SubmitAsync($"/rendez-vous/{slot}", Patient(firstName: "Gaston"));
        var bookingId = Guid.Parse(booked.Headers.Location!.PathAndQuery.Split('/')[^1]);

        var list = Text(await browser.HtmlAsync("/reservations"));
        var today = Paris.LocalDate(app.NextHour()) == Paris.LocalDate(app.Clock.GetUtcNow()); // "of the day": the slot is today in Paris
        if (today)
        {
            Assert.Contains("Gaston Patiente", list);
            Assert.Contains("Réservé", list);
        }
        var cancelled = await browser.SubmitAsync(list, "/reservations",
            [new("_handler", "annulation"), new("Annulation.Reservation", bookingId.ToString()), new("Annulation.Motif", "Le patient va mieux")]);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = Text(await cancelled.Content.ReadAsStringAsync());
        Assert.Contains("La réservation est annulée", after);
        if (today) Assert.Contains("Annulé", after);
        Assert.Equal("cancelled", await app.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @bookingId", new { bookingId }));
        Assert.Equal("free", await app.ScalarAsync<string>("SELECT status FROM slots WHERE id = @slot", new { slot }));
    }

    [Fact]
    public async Task The_booking_link_asks_for_sign_in_first_and_pages_keep_the_apis_roles()
    {
        var gp = await app.NewPractitionerAsync();
        var site = await app.NewSiteAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(6), siteId: site.Id);
        var anonymous = await PageClient.For(app).Http.GetAsync($"/rendez-vous/{slot}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal($"/connexion?retour=%2Frendez-vous%2F{slot}", anonymous.Headers.Location?.PathAndQuery);

        var secretary = PageClient.For(app);
        await secretary.SignInAsync(await app.NewMemberAsync(Roles.Secretary));
        var refused = await secretary.Http.GetAsync("/trouver");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/acces-refuse", refused.Headers.Location?.PathAndQuery);

        // A slot kept for the CPTS does not exist for the regulator, as in the API.
        var cptsOnly = await app.PublishSlotAsync(gp.Id, app.NextHour(7), siteId: site.Id, visibility: "cpts");
        var browser = await RegulatorAsync();
        var hidden = await browser.Http.GetAsync($"/rendez-vous/{cptsOnly}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    private static string Fr(DateTimeOffset t) => Cpts.Agenda.Api.Web.Fr.DayTime(t, t);

    [GeneratedRegex("href=\"/rendez-vous/([0-9a-f-]{36})\"")]
    private static partial Regex BookLink();

    [GeneratedRegex("<a href=\"(/trouver\\?[^\"]+)\">Créneaux suivants</a>")]
    private static partial Regex NextLink();
}
