using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The coordinator generates the open shifts of an MMG site for a range of Paris local days from a
/// template. The unique key (site, profession, start) and ON CONFLICT DO NOTHING make it idempotent:
/// generating an overlapping period again adds only the shifts that are missing.
/// Side effects: audit shift.generate; triggers on shifts fire but change nothing (a new shift is open); the
/// minute's planning run plans its open-shift alerts.
/// </summary>
public static class GenerateShifts
{
    public sealed record Body([property: Required] DateOnly? From, [property: Required] DateOnly? To, [property: Required] [property: ValuesFrom(typeof(Directory.Professions), nameof(Directory.Professions.All))] string? Profession, string? Template);

    public sealed record Command(Guid SiteId, Body Body) : IRequest<Result<GeneratedShifts>>, IAudited<GeneratedShifts>
    {
        public AuditAs Audited => new("shift.generate", "site", StatusCodes.Status201Created);
        public string? AuditedObject(GeneratedShifts? done) => SiteId.ToString();
    }

    /// <summary>A coordinator plans months ahead, but not decades: one generation covers at most a year.</summary>
    public const int MaxDays = 366;

    private const string Insert = """
        INSERT INTO shifts (id, site_id, profession, period, template, starts_at, ends_at, created_at, updated_at)
        SELECT s.id, @SiteId, @Profession, s.period, @Template, s.starts_at, s.ends_at, @Now, @Now
        FROM unnest(@Ids, @Periods, @Starts, @Ends) AS s(id, period, starts_at, ends_at)
        ON CONFLICT (site_id, profession, starts_at) DO NOTHING
        """;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Select = $"""
        SELECT {ShiftRow.Columns} FROM shifts
        WHERE site_id = @SiteId AND profession = @Profession AND starts_at = ANY(@Starts)
        ORDER BY starts_at, id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, ShiftTemplates templates) : IRequestHandler<Command, Result<GeneratedShifts>>
    {
        public async ValueTask<Result<GeneratedShifts>> Handle(Command command, CancellationToken ct)
        {
            var b = command.Body;
            var v = new Validation()
                .Check(b.From is not null, "from", "from is required (a Paris local date, yyyy-MM-dd).")
                .Check(b.To is not null, "to", "to is required (a Paris local date, yyyy-MM-dd, included).")
                .OneOf(b.Profession, "profession", Professions.All);
            if (b.From is { } f && b.To is { } t)
            {
                v.Check(t >= f, "to", "to must be on or after from.");
                v.Check(t.DayNumber - f.DayNumber < MaxDays, "to", $"A generation covers at most {MaxDays} days.");
            }
            v.Check(b.Template is null || templates.Named(b.Template) is not null, "template",
                $"template must be one of: {string.Join(", ", templates.Names)}.");
            if (v.Failed) return v.ToError();

            await using var c = await db.OpenConnectionAsync(ct);
            var kind = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT kind FROM sites WHERE id = @SiteId", new { command.SiteId }, cancellationToken: ct));
            if (kind is null) return Error.NotFound($"Site {command.SiteId}");
            if (kind != "mmg") return Error.Rule($"Shifts are generated only for an MMG site; this site is a {kind}.");

            var template = b.Template is { } name ? templates.Named(name)! : templates.For(command.SiteId, b.Profession!);
            if (template is null)
                return Error.Rule($"No shift template is configured for {b.Profession} at this site; name one with template ({string.Join(", ", templates.Names)}).");

            var planned = template.Expand(b.From!.Value, b.To!.Value);
            var starts = planned.Select(s => s.Start).ToArray();
            var created = await c.ExecuteAsync(new CommandDefinition(Insert, new
            {
                command.SiteId, b.Profession, Template = template.Name, Now = clock.GetUtcNow(),
                Ids = planned.Select(_ => Guid.CreateVersion7()).ToArray(),
                Periods = planned.Select(s => s.Period).ToArray(),
                Starts = starts,
                Ends = planned.Select(s => s.End).ToArray(),
            }, cancellationToken: ct));
            var rows = await c.QueryAsync<ShiftRow>(new CommandDefinition(Select, new { command.SiteId, b.Profession, Starts = starts }, cancellationToken: ct));
            return new GeneratedShifts(template.Name, created, rows.Select(r => r.ToDto()).ToList())
            {
                Location = string.Create(CultureInfo.InvariantCulture,
                    $"/api/shifts?siteId={command.SiteId}&from={b.From:yyyy-MM-dd}&to={b.To:yyyy-MM-dd}&profession={b.Profession}"),
            };
        }
    }
}
