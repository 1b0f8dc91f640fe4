using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Cpts.Agenda.Api.Web;
using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Bench;

/// <summary>
/// The two pages people wait on, fetched whole as a browser does (server-rendered HTML): the GP's week
/// (<c>/agenda?jour=…</c>) for a rotating set of seeded GPs, and the regulator's search page
/// (<c>/trouver?lieu=…&amp;rayon=…&amp;profession=…&amp;mode=…&amp;depuis=…</c>) with the searches of
/// <see cref="SearchWorkload"/>. Each signed-in person signs in once, through Development's one-click
/// sign-in (<c>POST /connexion/demo</c>, the members the seeder writes); every answer is checked: a
/// 200 whose HTML shows the data asked for, else it is not counted as ok.
/// </summary>
public static partial class PagesBench
{
    public const string GpWeek = "GET /agenda (GP's week page)";
    public const string SearchPage = "GET /trouver (regulator's search page)";

    /// <summary>How many seeded GPs the week page rotates over; each signs in once.</summary>
    public const int GpCount = 32;

    /// <summary>One GP's week: the page to ask, the session that asks it and two slot times the page must show.</summary>
    public sealed record WeekTarget(string Cookie, string Path, string FirstSlot, string LastSlot);

    public static async Task RunAsync(LoadSettings s, HttpClient pages, NpgsqlDataSource db, SeededShape shape, Action<ScenarioStats> add)
    {
        var signIn = await SignIn.StartAsync(pages);
        var regulator = await signIn.AsAsync(await RegulatorMemberAsync(db));
        var targets = await WeekTargetsAsync(db, shape, signIn);

        foreach (var clients in s.Clients)
        {
            var next = new Counter();
            var week = await LoadRunner.RunAsync(GpWeek, clients, s.Duration, s.WarmUp, (_, ct) => GetWeekAsync(pages, targets[(next.Next() & int.MaxValue) % targets.Count], ct), cpu: s.Cpu);
            week.Note = string.Create(CultureInfo.InvariantCulture,
                $"{targets.Count} weeks of {targets.Select(t => t.Cookie).Distinct().Count()} GPs in rotation; ok = 200 showing the week's first and last slot times");
            add(week);

            var workload = new SearchWorkload(shape, 2000 + clients);
            var results = new RowCounter();
            var search = await LoadRunner.RunAsync(SearchPage, clients, s.Duration, s.WarmUp, (_, ct) => GetSearchAsync(pages, regulator, PageUrl(workload.Next()), results, ct), cpu: s.Cpu);
            search.Note = string.Create(CultureInfo.InvariantCulture,
                $"ok = 200 showing its results heading; {results.MeanRows:0.0} results a page on average ({results.EmptyShare:P0} none)");
            add(search);
        }
    }

    /// <summary>The search page asked as its form asks it: the same place, radius, profession, mode and start as the API search.</summary>
    public static string PageUrl(Api.Features.Availability.SearchAvailability.Query q)
    {
        // A postal code is how a regulator types a place as often as a point; the page searches the 24 hours from "depuis".
        var place = q.PostalCode ?? q.Near!;
        var from = DateTimeOffset.Parse(q.From!, CultureInfo.InvariantCulture);
        return "/trouver?lieu=" + Uri.EscapeDataString(place) +
               "&rayon=" + q.RadiusKm!.Value.ToString(CultureInfo.InvariantCulture) +
               "&profession=" + q.Profession +
               "&mode=" + (q.Mode ?? "") +
               "&depuis=" + Uri.EscapeDataString(Paris.ToLocal(from).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
    }

    public static async Task<Outcome> GetWeekAsync(HttpClient pages, WeekTarget target, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Path);
        if (target.Cookie.Length > 0) request.Headers.Add("Cookie", target.Cookie);
        using var response = await pages.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        if (response.StatusCode != HttpStatusCode.OK) return NotOk((int)response.StatusCode);
        return WeekShows(await response.Content.ReadAsStringAsync(ct), target) ? Outcome.Ok : Outcome.Failed;
    }

    public static async Task<Outcome> GetSearchAsync(HttpClient pages, string cookie, string path, RowCounter? results, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie.Length > 0) request.Headers.Add("Cookie", cookie);
        using var response = await pages.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        if (response.StatusCode != HttpStatusCode.OK) return NotOk((int)response.StatusCode);
        if (SearchResults(await response.Content.ReadAsStringAsync(ct)) is not { } count) return Outcome.Failed;
        results?.Add(count);
        return Outcome.Ok;
    }

    /// <summary>A redirect (to the sign-in page) is a refused session, counted with the 4xx; the rest by status.</summary>
    private static Outcome NotOk(int status) => status is >= 300 and < 400 ? Outcome.ClientError : LoadRunner.Classify(status);

    /// <summary>The week page rendered this GP's week: both slot times are in it (as the renderer may write the dash, raw or as an entity).</summary>
    public static bool WeekShows(string html, WeekTarget target) =>
        html.Contains("<h1>Mon agenda</h1>", StringComparison.Ordinal) && !html.Contains("role=\"alert\"", StringComparison.Ordinal) &&
        ContainsText(html, target.FirstSlot) && ContainsText(html, target.LastSlot);

    /// <summary>
    /// The number of results the search page shows, or null when it shows none of a search's outcomes (an
    /// error, the bare form, the sign-in page): the results heading, then either the list or the "no slot" notice.
    /// </summary>
    public static int? SearchResults(string html)
    {
        if (!html.Contains("<h2 id=\"resultats\">", StringComparison.Ordinal)) return null;
        var count = Regex.Count(html, "<p class=\"when\">");
        if (count > 0) return html.Contains("<ul class=\"results\"", StringComparison.Ordinal) ? count : null;
        return html.Contains("Aucun cr", StringComparison.Ordinal) ? 0 : null;
    }

    private static bool ContainsText(string html, string text) =>
        html.Contains(text, StringComparison.Ordinal) || html.Contains(HtmlEncoder.Default.Encode(text), StringComparison.Ordinal);

    private static async Task<Guid> RegulatorMemberAsync(NpgsqlDataSource db)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.QueryFirstOrDefaultAsync<Guid?>("SELECT id FROM members WHERE role = 'regulator' ORDER BY display_name, id LIMIT 1")
            ?? throw new InvalidOperationException("No regulator member to sign in as: seed the database with the bench's seeder.");
    }

    /// <summary>
    /// GPs with a member row, each signed in once, and every week of the seeded month in which they hold
    /// slots: the first slot of the week and the last one before Saturday (within the page's week whichever
    /// way it bounds Sunday), as the page writes their times.
    /// </summary>
    private static async Task<List<WeekTarget>> WeekTargetsAsync(NpgsqlDataSource db, SeededShape shape, SignIn signIn)
    {
        List<(Guid MemberId, Guid PractitionerId)> gps;
        await using (var c = await db.OpenConnectionAsync())
            gps = (await c.QueryAsync<(Guid, Guid)>("""
                SELECT m.id, p.id FROM members m JOIN practitioners p ON p.id = m.practitioner_id
                WHERE m.role = 'practitioner' AND p.profession = 'generalist'
                ORDER BY p.rpps LIMIT @Count
                """, new { Count = GpCount })).AsList();
        if (gps.Count == 0) throw new InvalidOperationException("No GP member to sign in as: seed the database with the bench's seeder.");

        var firstDay = Paris.LocalDate(shape.FirstStart);
        var firstMonday = firstDay.AddDays(-(((int)firstDay.DayOfWeek + 6) % 7));
        var targets = new List<WeekTarget>();
        foreach (var (memberId, practitionerId) in gps)
        {
            var cookie = await signIn.AsAsync(memberId);
            await using var c = await db.OpenConnectionAsync();
            for (var monday = firstMonday; Paris.ToInstant(monday, TimeOnly.MinValue) <= shape.LastStart; monday = monday.AddDays(7))
            {
                var slots = (await c.QueryAsync<(DateTime Start, DateTime End)>("""
                    SELECT starts_at, ends_at FROM slots WHERE practitioner_id = @Id AND starts_at >= @From AND starts_at < @To ORDER BY starts_at
                    """, new { Id = practitionerId, From = Paris.ToInstant(monday, TimeOnly.MinValue), To = Paris.ToInstant(monday.AddDays(5), TimeOnly.MinValue) })).AsList();
                if (slots.Count == 0) continue;
                targets.Add(new WeekTarget(cookie, "/agenda?jour=" + AgendaText.Iso(monday),
                    AgendaText.Period(Utc(slots[0].Start), Utc(slots[0].End)), AgendaText.Period(Utc(slots[^1].Start), Utc(slots[^1].End))));
            }
        }
        if (targets.Count == 0) throw new InvalidOperationException("The GPs signed in hold no slot on a weekday of the seeded weeks.");
        return targets;
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    /// <summary>
    /// Development's one-click sign-in, as the page's form posts it: the sign-in page once for its antiforgery
    /// cookie and token, then one <c>POST /connexion/demo</c> per member; the session cookie it sets is what
    /// that member's requests carry. The client follows no redirect and keeps no cookie of its own.
    /// </summary>
    public sealed partial class SignIn
    {
        private readonly HttpClient _pages;
        private readonly string _antiforgeryCookie;
        private readonly string _token;

        private SignIn(HttpClient pages, string antiforgeryCookie, string token) => (_pages, _antiforgeryCookie, _token) = (pages, antiforgeryCookie, token);

        public static async Task<SignIn> StartAsync(HttpClient pages)
        {
            using var response = await pages.GetAsync(PageSession.SignInPath);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("/connexion/demo", StringComparison.Ordinal))
                throw new InvalidOperationException($"GET {PageSession.SignInPath} answered {(int)response.StatusCode} without the demo sign-in: the service must run in Development.");
            var token = Token().Match(html);
            if (!token.Success) throw new InvalidOperationException("The sign-in page carries no antiforgery token.");
            return new SignIn(pages, string.Join("; ", CookiePairs(response)), WebUtility.HtmlDecode(token.Groups[1].Value));
        }

        /// <summary>Signs one member in; returns the Cookie header of their session.</summary>
        public async Task<string> AsAsync(Guid memberId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connexion/demo")
            {
                Content = new FormUrlEncodedContent([new("membre", memberId.ToString()), new("retour", "/"), new("__jeton", _token)]),
            };
            if (_antiforgeryCookie.Length > 0) request.Headers.Add("Cookie", _antiforgeryCookie);
            using var response = await _pages.SendAsync(request);
            var session = CookiePairs(response).Where(p => p.StartsWith(PageSession.CookieName, StringComparison.Ordinal)).ToList();
            if ((int)response.StatusCode is not (>= 300 and < 400) || session.Count == 0)
                throw new InvalidOperationException($"Signing in member {memberId} answered {(int)response.StatusCode} without a session cookie.");
            return string.Join("; ", session);
        }

        /// <summary>The name=value of each cookie a response sets.</summary>
        private static IEnumerable<string> CookiePairs(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';', 2)[0].Trim()) : [];

        [GeneratedRegex("name=\"__jeton\" value=\"([^\"]+)\"")]
        private static partial Regex Token();
    }
}
