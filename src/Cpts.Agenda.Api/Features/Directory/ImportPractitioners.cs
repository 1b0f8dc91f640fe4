using System.Text;
using Cpts.Agenda.Api.Features.Audit;
using NpgsqlTypes;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The coordinator fills the directory from the Annuaire Santé extraction (docs/DIRECTORY.md): the file is
/// read line by line (never whole), the lines of the territory (postal codes or INSEE communes) that the agenda
/// keeps go to a temporary table, and one transaction adds or updates the practitioners by RPPS. A person
/// with several activities in the territory is one practitioner: their libéral activity wins over a
/// salaried one, then the first line in the file. Rerunning the same file changes nothing.
/// Side effects: audit practitioner.import (a dry run too); practitioners inserted or updated (a dry run
/// rolls back), through temporary tables dropped at commit; triggers: none.
/// </summary>
public static class ImportPractitioners
{
    /// <summary>A département's extraction is a few MB to a few tens of MB; the whole of France is several hundred.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public const int MaxListed = 1000;

    public sealed record Form(IFormFile File, string? PostalCodes, string? Communes, bool? DryRun);

    public sealed record Skip(int Line, string Reason);

    public sealed record Change(string Rpps, string FirstName, string LastName, string Profession, string? City, string Action);

    /// <summary>
    /// What the import did (or, dry run, would do). skipped lists at most 1000 lines (skippedTotal counts
    /// them all); changes lists the practitioners created or updated (at most 1000); ignored counts the
    /// territory's lines of professions the agenda does not hold.
    /// </summary>
    public sealed record Report(
        int Created, int Updated, int Unchanged, IReadOnlyList<Skip> Skipped, int SkippedTotal, int Ignored, bool DryRun,
        IReadOnlyList<Change> Changes);

    public sealed record Command(Stream File, IReadOnlyList<string> PostalCodes, IReadOnlyList<string> Communes, bool DryRun)
        : IRequest<Result<Report>>, IAudited<Report>
    {
        public AuditAs Audited => new("practitioner.import", "practitioner");
        public string? AuditedObject(Report? done) => null;
    }

    /// <summary>The multipart form of POST /api/practitioners/import, then the import.</summary>
    public static async Task<IResult> ReadAndRunAsync(HttpRequest request, IMediator m, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return ResultHttp.ValidationOf(Error.Invalid("file", "Send a multipart/form-data form with the extraction in the field 'file'."));
        // Files over 64 KB are buffered to disk by the form reader, never held in memory.
        var form = await request.ReadFormAsync(ct);
        var v = new Validation();
        var file = form.Files.GetFile("file");
        v.Check(file is not null, "file", "The form holds no file in the field 'file'.");
        var postalCodes = SplitList(form["postalCodes"]);
        var communes = SplitList(form["communes"]);
        CheckTerritory(v, postalCodes, communes);
        var dryRunText = form["dryRun"].ToString();
        v.Check(dryRunText.Length == 0 || bool.TryParse(dryRunText, out _), "dryRun", "dryRun must be true or false.");
        if (v.Failed) return ResultHttp.ValidationOf(v.ToError());

        await using var stream = file!.OpenReadStream();
        var result = await m.Send(new Command(stream, postalCodes, communes, dryRunText.Length > 0 && bool.Parse(dryRunText)), ct);
        return result.ToOk();
    }

    /// <summary>The territory's rules, shared by the route and the page: at least one list, each code well-formed.</summary>
    public static void CheckTerritory(Validation v, IReadOnlyCollection<string> postalCodes, IReadOnlyCollection<string> communes)
    {
        v.Check(postalCodes.Count > 0 || communes.Count > 0, "postalCodes", "Give the territory: postalCodes (comma-separated) or communes (INSEE codes).");
        v.Check(postalCodes.All(EditPractitioner.IsPostalCode), "postalCodes", "postalCodes must be 5-digit postal codes separated by commas.");
        v.Check(communes.All(IsInseeCode), "communes", "communes must be 5-character INSEE commune codes (2A/2B for Corsica) separated by commas.");
        v.Check(postalCodes.Count + communes.Count <= 2000, "postalCodes", "A territory has at most 2000 postal codes and communes.");
    }

    /// <summary>The page's check: a file and the territory; null when both are fine.</summary>
    public static Error? CheckTerritory(bool hasFile, IReadOnlyCollection<string> postalCodes, IReadOnlyCollection<string> communes)
    {
        var v = new Validation();
        v.Check(hasFile, "file", "The form holds no file in the field 'file'.");
        CheckTerritory(v, postalCodes, communes);
        return v.Failed ? v.ToError() : null;
    }

    public static List<string> SplitList(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static bool IsInseeCode(string code) =>
        code.Length == 5 && (char.IsAsciiDigit(code[0]) || code[0] == '2') &&
        (char.IsAsciiDigit(code[1]) || code[..2] is "2A" or "2B" or "2a" or "2b") && code[2..].All(char.IsAsciiDigit);

    private const string CreateStaging = """
        CREATE TEMP TABLE import_activities (
            line int, rpps text, first_name text, last_name text, profession text, specialty text, liberal boolean,
            practice_name text, practice_address text, postal_code text, commune_code text, city text, practice_phone text
        ) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY import_activities (line, rpps, first_name, last_name, profession, specialty, liberal,
            practice_name, practice_address, postal_code, commune_code, city, practice_phone) FROM STDIN (FORMAT BINARY)
        """;

    // One winning activity per person (libéral first, then the first line), compared with the directory.
    private const string Plan = """
        CREATE TEMP TABLE import_plan ON COMMIT DROP AS
        SELECT w.*, p.id AS existing_id,
               CASE WHEN p.id IS NULL THEN 'created'
                    WHEN (p.first_name, p.last_name, p.profession, p.specialty, p.practice_name, p.practice_address,
                          p.postal_code, p.commune_code, p.city, p.practice_phone)
                         IS NOT DISTINCT FROM
                         (w.first_name, w.last_name, w.profession, w.specialty, w.practice_name, w.practice_address,
                          w.postal_code, w.commune_code, w.city, w.practice_phone) THEN 'unchanged'
                    ELSE 'updated' END AS action
        FROM (SELECT DISTINCT ON (rpps) * FROM import_activities ORDER BY rpps, liberal DESC, line) w
        LEFT JOIN practitioners p ON p.rpps = w.rpps
        """;

    private const string Counts = "SELECT action, count(*)::int FROM import_plan GROUP BY action";

    private const string Changes = """
        SELECT rpps, first_name, last_name, profession, city, action FROM import_plan
        WHERE action <> 'unchanged' ORDER BY action, last_name, first_name, rpps LIMIT @Max
        """;

    private const string Apply = """
        INSERT INTO practitioners AS p (id, rpps, first_name, last_name, profession, specialty, practice_name, practice_address,
            postal_code, commune_code, city, practice_phone, created_at, updated_at, imported_at)
        SELECT gen_random_uuid(), rpps, first_name, last_name, profession, specialty, practice_name, practice_address,
            postal_code, commune_code, city, practice_phone, @Now, @Now, @Now
        FROM import_plan WHERE action <> 'unchanged'
        ON CONFLICT ON CONSTRAINT practitioners_rpps_key DO UPDATE SET
            first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, profession = EXCLUDED.profession,
            specialty = EXCLUDED.specialty, practice_name = EXCLUDED.practice_name, practice_address = EXCLUDED.practice_address,
            postal_code = EXCLUDED.postal_code, commune_code = EXCLUDED.commune_code, city = EXCLUDED.city,
            practice_phone = EXCLUDED.practice_phone, updated_at = EXCLUDED.updated_at, imported_at = EXCLUDED.imported_at
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<Report>>
    {
        public async ValueTask<Result<Report>> Handle(Command command, CancellationToken ct)
        {
            var postalCodes = command.PostalCodes.ToHashSet(StringComparer.Ordinal);
            var communes = command.Communes.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            bool InTerritory(string? postal, string? commune) =>
                (postal is not null && postalCodes.Contains(postal)) || (commune is not null && communes.Contains(commune.ToUpperInvariant()));

            using var reader = new StreamReader(command.File, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            var (layout, problem) = AnnuaireSante.Layout.FromHeader(await reader.ReadLineAsync(ct));
            if (layout is null) return Error.Invalid("file", problem!);

            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            // One import at a time: two would both see a person as new.
            await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('practitioners-import'))", transaction: tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(CreateStaging, transaction: tx, cancellationToken: ct));

            var skipped = new List<Skip>();
            var (skippedTotal, ignored) = (0, 0);
            void AddSkip(int line, string reason)
            {
                skippedTotal++;
                if (skipped.Count < MaxListed) skipped.Add(new Skip(line, reason));
            }

            await using (var copy = await c.BeginBinaryImportAsync(Copy, ct))
            {
                var lineNumber = 1;
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    lineNumber++;
                    if (line.Length == 0) continue;
                    var fields = AnnuaireSante.Fields(layout, line);
                    if (fields is null)
                    {
                        AddSkip(lineNumber, $"The line has fewer fields than the header ({layout.FieldCount - 1} '|'-separated columns expected).");
                        continue;
                    }
                    var parsed = AnnuaireSante.Parse(layout, fields, lineNumber);
                    if (!InTerritory(parsed.PostalCode, parsed.CommuneCode)) continue;
                    switch (parsed.Kind)
                    {
                        case AnnuaireSante.Kind.OtherProfession:
                            ignored++;
                            break;
                        case AnnuaireSante.Kind.Skipped:
                            AddSkip(lineNumber, parsed.Reason!);
                            break;
                        default:
                            await WriteAsync(copy, parsed.Activity!, ct);
                            break;
                    }
                }
                await copy.CompleteAsync(ct);
            }

            await c.ExecuteAsync(new CommandDefinition(Plan, transaction: tx, cancellationToken: ct));
            var counts = (await c.QueryAsync<(string Action, int Count)>(new CommandDefinition(Counts, transaction: tx, cancellationToken: ct)))
                .ToDictionary(r => r.Action, r => r.Count);
            var changes = (await c.QueryAsync<Change>(new CommandDefinition(Changes, new { Max = MaxListed }, tx, cancellationToken: ct))).ToList();
            if (command.DryRun)
            {
                await tx.RollbackAsync(ct);
            }
            else
            {
                await c.ExecuteAsync(new CommandDefinition(Apply, new { Now = clock.GetUtcNow() }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }
            return new Report(counts.GetValueOrDefault("created"), counts.GetValueOrDefault("updated"), counts.GetValueOrDefault("unchanged"),
                skipped, skippedTotal, ignored, command.DryRun, changes);
        }

        private static async Task WriteAsync(NpgsqlBinaryImporter copy, AnnuaireSante.Activity a, CancellationToken ct)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(a.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(a.Rpps, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.FirstName, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.LastName, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Profession, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, a.Specialty, ct);
            await copy.WriteAsync(a.Liberal, NpgsqlDbType.Boolean, ct);
            await WriteNullableAsync(copy, a.PracticeName, ct);
            await WriteNullableAsync(copy, a.PracticeAddress, ct);
            await WriteNullableAsync(copy, a.PostalCode, ct);
            await WriteNullableAsync(copy, a.CommuneCode, ct);
            await WriteNullableAsync(copy, a.City, ct);
            await WriteNullableAsync(copy, a.Phone, ct);
        }

        private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
            value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
