using System.Globalization;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The slot search (guide pages "01 - PS - Recherche des créneaux" = INT_R01 and "02 - CPTS - Recherche
/// des créneaux" = INT_R04), for the SAS platform's authenticated client (role sas): reads the guide's query
/// string and answers the free SAS-visible slots of 1 to 25 practitioners identified by "8" + RPPS, starting
/// within [ge, le], with the requested includes, which the endpoint writes as a searchset Bundle; a bad query
/// is a 400 OperationOutcome. CPTS-only slots (visibility cpts) never leave the agenda through this route.
/// Side effects: none; triggers: none.
/// </summary>
public static class SearchSlots
{
    public const string IdentifierParameter = "schedule.actor:Practitioner.identifier";
    public const int MaxPractitioners = 25;
    public const int MaxResults = 5000;

    public const string IncludeSchedule = "Slot:schedule";
    public const string IncludeActor = "Schedule:actor";
    public const string IncludeServiceType = "Slot:service-type-reference";
    public const string IncludeOrganization = "HealthcareService:organization";

    public sealed record Criteria(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Rpps, IReadOnlySet<string> Includes);

    /// <summary>The request's query string, read by <see cref="Parse"/>, and the searchset's self link.</summary>
    public sealed record Query(IQueryCollection Parameters, string SelfUrl) : IRequest<Result<SlotSearchset>>;

    public static Query From(HttpRequest request, SasResources resources) =>
        new(request.Query, $"{resources.FhirBase}/Slot{request.QueryString}");

    /// <summary>Reads the guide's query string; the problems become a 400 OperationOutcome.</summary>
    public static Result<Criteria> Parse(IQueryCollection query)
    {
        var problems = new List<string>();
        DateTimeOffset? from = null, to = null;
        foreach (var raw in query["start"])
        {
            var value = (raw ?? "").Trim();
            var prefix = value.Length > 2 ? value[..2] : "";
            if (prefix is not ("ge" or "le"))
            {
                problems.Add("start takes the prefixes ge and le only (start=ge…&start=le…).");
                continue;
            }
            var instant = ParseDate(value[2..], prefix == "le");
            if (instant is null) problems.Add($"start={prefix}… is not a FHIR date or dateTime.");
            else if (prefix == "ge") from = instant;
            else to = instant;
        }
        if (from is null || to is null) problems.Add("start=ge<date> and start=le<date> are both required.");
        else if (to < from) problems.Add("start=le must not be before start=ge.");

        var status = query["status"].ToString();
        if (string.IsNullOrEmpty(status)) problems.Add("status=free is required.");
        else if (status != "free") problems.Add("Only status=free is searched.");

        var tokens = query[IdentifierParameter].SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        var rpps = new List<string>();
        if (tokens.Count == 0) problems.Add($"{IdentifierParameter} is required (urn:oid:1.2.250.1.71.4.2.1|8<RPPS>, comma-separated).");
        else if (tokens.Count > MaxPractitioners) problems.Add($"{IdentifierParameter} takes at most {MaxPractitioners} practitioners per search; {tokens.Count} were given.");
        else
        {
            foreach (var token in tokens)
            {
                var (otherSystem, value) = FhirSearch.IdentifierToken(token);
                if (otherSystem is not null)
                    problems.Add($"Identifier system {FhirSearch.Cut(otherSystem, 40)} is not searched; use {SasResources.RppsSystem}.");
                else if (FhirSearch.Rpps(value) is { } one) rpps.Add(one);
                else if (value.Length == 0 || value.Length > 20 || !value.All(char.IsAsciiDigit))
                    problems.Add($"Identifier value {FhirSearch.Cut(value, 40)} is not a national practitioner identifier (8 + RPPS).");
                // an ADELI ("0" + ADELI) is well-formed but no practitioner of the agenda has one: no match.
            }
        }

        var includes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in query.Keys.Where(k => k is "_include" or "_include:iterate"))
            foreach (var v in query[key]) if (!string.IsNullOrWhiteSpace(v)) includes.Add(v!.Trim());

        if (problems.Count > 0) return Error.Invalid("query", string.Join(" ", problems.Distinct()));
        return new Criteria(from!.Value, to!.Value, rpps.Distinct().ToList(), includes);
    }

    /// <summary>A FHIR date or dateTime (read by <see cref="Dates"/>: out of its range is malformed); as le, a date includes its day.</summary>
    public static DateTimeOffset? ParseDate(string text, bool upperBound) =>
        Dates.ParseDate(text) is { } day
            ? (upperBound ? Paris.Day(day).End.AddTicks(-10) : Paris.Day(day).Start)
            : Dates.ParseInstant(text);

    private const string Sql = SasSlotRow.Select + """
        WHERE s.visibility = 'sas' AND s.status = 'free'
          AND p.rpps = ANY(@Rpps)
          AND s.starts_at >= @From AND s.starts_at <= @To
        ORDER BY s.starts_at, s.id
        LIMIT @Limit
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<SlotSearchset>>
    {
        public async ValueTask<Result<SlotSearchset>> Handle(Query query, CancellationToken ct)
        {
            var criteria = Parse(query.Parameters);
            if (criteria.Error is { } invalid) return invalid;
            var c = criteria.Value!;
            var rows = new List<SasSlotRow>();
            if (c.Rpps.Count > 0)
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                rows = (await conn.QueryAsync<SasSlotRow>(new CommandDefinition(Sql,
                    new { Rpps = c.Rpps.ToArray(), c.From, c.To, Limit = MaxResults + 1 }, cancellationToken: ct))).AsList();
            }
            if (rows.Count > MaxResults)
                return Error.Invalid("start", $"More than {MaxResults} slots match: search a shorter period.");
            return new SlotSearchset(rows, c.Includes, query.SelfUrl, clock.GetUtcNow());
        }
    }
}
