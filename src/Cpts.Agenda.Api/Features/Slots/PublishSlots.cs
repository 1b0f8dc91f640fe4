using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// A GP publishes one slot or a batch: all or nothing, never overlapping another commitment.
/// Side effects: audit slot.publish (-batch, -series); triggers: slots_refuse_busy_time,
/// slots_hold_commitment (the commitments row, refused by commitments_no_overlap),
/// commitments_refuse_inactive.
/// </summary>
public static class PublishSlots
{
    public sealed record SlotBody(
        [property: Required] Guid? PractitionerId, [property: Required] DateTimeOffset? Start, [property: Required] DateTimeOffset? End, Guid? SiteId,
        [property: Required] [property: ValuesFrom(typeof(SlotRules), nameof(SlotRules.Modes))] string? Mode, [property: Required] [property: ValuesFrom(typeof(SlotRules), nameof(SlotRules.Visibilities))] string? Visibility);

    public sealed record BatchBody([property: Required] List<SlotBody>? Slots);

    /// <summary>The answer of a batch: the slots created.</summary>
    public sealed record Published(IReadOnlyList<SlotDto> Slots);

    /// <param name="IsSeries">Sent by <see cref="PublishSeries"/>: audited as the series, once.</param>
    public sealed record Command(Caller Caller, IReadOnlyList<SlotBody> Slots, bool IsBatch, bool IsSeries = false)
        : IRequest<Result<IReadOnlyList<SlotDto>>>, IAudited<IReadOnlyList<SlotDto>>
    {
        public AuditAs Audited => new(IsSeries ? "slot.publish-series" : IsBatch ? "slot.publish-batch" : "slot.publish", "slot", StatusCodes.Status201Created);
        public string? AuditedObject(IReadOnlyList<SlotDto>? done) => IsBatch || done is null ? null : done[0].Id.ToString();
    }

    public const int MaxBatch = 500;

    private const string Insert = """
        INSERT INTO slots (id, practitioner_id, profession, site_id, starts_at, ends_at, mode, visibility, status, created_at, updated_at)
        SELECT s.id, p.id, p.profession, s.site_id, s.starts_at, s.ends_at, s.mode, s.visibility, 'free', @Now, @Now
        FROM unnest(@Ids, @PractitionerIds, @SiteIds, @Starts, @Ends, @Modes, @Visibilities)
             AS s(id, practitioner_id, site_id, starts_at, ends_at, mode, visibility)
        JOIN practitioners p ON p.id = s.practitioner_id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IOptions<AgendaOptions> options)
        : IRequestHandler<Command, Result<IReadOnlyList<SlotDto>>>
    {
        public async ValueTask<Result<IReadOnlyList<SlotDto>>> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var v = new Validation();
            v.Check(command.Slots.Count is > 0 and <= MaxBatch, "slots", $"A batch holds 1 to {MaxBatch} slots.");
            string? timing = null;
            for (var i = 0; i < command.Slots.Count; i++)
            {
                var s = command.Slots[i];
                var at = command.IsBatch ? $"slots[{i}]." : "";
                v.Check(s.PractitionerId is not null, at + "practitionerId", "practitionerId is required.");
                v.Check(s.Start is not null, at + "start", "start is required.");
                v.Check(s.End is not null, at + "end", "end is required.");
                v.Check(s.Start is null || s.End is null || s.End > s.Start, at + "end", "end must be after start.");
                v.OneOf(s.Mode, at + "mode", SlotRules.Modes);
                v.OneOf(s.Visibility, at + "visibility", SlotRules.Visibilities);
                v.Check(s.SiteId is not null || s.Mode is not ("in-person" or "home-visit"), at + "siteId", "siteId is required for in-person and home-visit slots.");
                if (s.Start is { } start && s.End is { } end && end > start)
                    timing ??= SlotRules.TimingProblem(start, end, now, options.Value.PublicationHorizonDays) is { } p ? (command.IsBatch ? $"slots[{i}]: {p}" : p) : null;
            }
            if (v.Failed) return v.ToError();
            if (timing is not null) return Error.Rule(timing);

            var caller = command.Caller;
            if (!caller.IsCoordinator && command.Slots.Any(s => !caller.Owns(s.PractitionerId!.Value)))
                return Error.Forbidden("A practitioner publishes only their own slots.");

            var slots = command.Slots.Select(s => new SlotDto
            {
                Id = Guid.CreateVersion7(), PractitionerId = s.PractitionerId!.Value, SiteId = s.SiteId,
                Start = s.Start!.Value.ToUniversalTime(), End = s.End!.Value.ToUniversalTime(),
                Mode = s.Mode!, Visibility = s.Visibility!, Status = "free",
            }).ToList();

            return await LostRaces.RetryAsync(() => InsertAsync(slots, command.IsBatch, now, ct));
        }

        /// <summary>The publication's transaction (run again by LostRaces when PostgreSQL broke a deadlock with a concurrent one).</summary>
        private async Task<Result<IReadOnlyList<SlotDto>>> InsertAsync(List<SlotDto> slots, bool isBatch, DateTimeOffset now, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            if (await MissingReference(c, slots, ct) is { } missing) return missing;

            await using var tx = await c.BeginTransactionAsync(ct);
            try
            {
                var inserted = await c.ExecuteAsync(new CommandDefinition(Insert, new
                {
                    Ids = slots.Select(s => s.Id).ToArray(),
                    PractitionerIds = slots.Select(s => s.PractitionerId).ToArray(),
                    SiteIds = slots.Select(s => s.SiteId).ToArray(),
                    Starts = slots.Select(s => s.Start).ToArray(),
                    Ends = slots.Select(s => s.End).ToArray(),
                    Modes = slots.Select(s => s.Mode).ToArray(),
                    Visibilities = slots.Select(s => s.Visibility).ToArray(),
                    Now = now,
                }, tx, cancellationToken: ct));
                if (inserted != slots.Count) return Error.NotFound("A practitioner of the batch");
                await tx.CommitAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
            {
                // A constraint of another feature (a busy time from the practitioner's calendar) says why itself.
                var detail = e.ConstraintName is { } constraint && constraint != "commitments_no_overlap" && Constraints.TryDescribe(constraint, out var why)
                    ? why
                    : slots.Count == 1
                        ? "The slot overlaps another commitment of the practitioner (a slot, shift, teleconsultation or busy time)."
                        : "A slot of the batch overlaps another commitment of the practitioner (a slot, shift, teleconsultation or busy time), or another slot of the batch; nothing was published.";
                await tx.RollbackAsync(ct);
                return Error.Conflict(detail) with { Fields = await SlotOverlaps.ExplainAsync(db, slots, isBatch, ct) };
            }
            return slots;
        }

        private static async Task<Error?> MissingReference(NpgsqlConnection c, List<SlotDto> slots, CancellationToken ct)
        {
            var practitionerIds = slots.Select(s => s.PractitionerId).Distinct().ToArray();
            var siteIds = slots.Where(s => s.SiteId is not null).Select(s => s.SiteId!.Value).Distinct().ToArray();
            var found = await c.QuerySingleAsync<(long Practitioners, long Sites)>(new CommandDefinition("""
                SELECT (SELECT count(*) FROM practitioners WHERE id = ANY(@PractitionerIds)),
                       (SELECT count(*) FROM sites WHERE id = ANY(@SiteIds))
                """, new { PractitionerIds = practitionerIds, SiteIds = siteIds }, cancellationToken: ct));
            if (found.Practitioners != practitionerIds.Length) return Error.NotFound("The practitioner");
            if (found.Sites != siteIds.Length) return Error.NotFound("The site");
            return null;
        }
    }
}
