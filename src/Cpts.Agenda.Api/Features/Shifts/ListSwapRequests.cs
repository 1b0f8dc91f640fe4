namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// The swap requests a practitioner is part of (asked or asking), so the one asked finds what to accept;
/// the coordinator sees every request, or one practitioner's. Soonest shift first; pending by default.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListSwapRequests
{
    public static readonly IReadOnlyList<string> Statuses = ["pending", "accepted", "declined", "expired"];

    public sealed record Query(Caller Caller, string? Status, Guid? PractitionerId, int? Limit, string? Cursor)
        : IRequest<Result<Page<SwapRequestDto>>>;

    // The request's columns, then the shift's (Dapper splits the row at the second "id").
    private const string Sql = """
        SELECT r.id, r.shift_id, r.from_practitioner_id, r.to_practitioner_id, r.shift_version, r.status, r.created_at, r.decided_at,
               s.id, s.site_id, s.profession, s.period, s.starts_at, s.ends_at, s.assignee_id, s.version
        FROM swap_requests r JOIN shifts s ON s.id = r.shift_id
        WHERE r.status = @Status
          AND (@PractitionerId::uuid IS NULL OR @PractitionerId IN (r.from_practitioner_id, r.to_practitioner_id))
          AND (NOT @HasAfter OR (s.starts_at, r.id) > (@AfterStart, @AfterId))
        ORDER BY s.starts_at, r.id
        LIMIT @Take
        """;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Page<SwapRequestDto>>>
    {
        public async ValueTask<Result<Page<SwapRequestDto>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var status = q.Status ?? "pending";
            v.OneOf(status, "status", Statuses);
            var after = v.CheckPage(q.Limit, q.Cursor);
            if (v.Failed) return v.ToError();

            // A practitioner sees only the requests they are part of.
            var practitionerId = q.Caller.IsCoordinator ? q.PractitionerId : q.Caller.PractitionerId;
            if (!q.Caller.IsCoordinator && (practitionerId is null || (q.PractitionerId is { } asked && asked != practitionerId)))
                return Error.Forbidden("A practitioner sees only the swap requests they ask or are asked.");

            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<SwapRequestRow, ShiftRow, SwapRequestDto>(new CommandDefinition(Sql,
                Paging.WithTicksKeyset(new { Status = status, PractitionerId = practitionerId }, after, limit), cancellationToken: ct),
                (request, shift) => request.ToDto(shift), splitOn: "id")).ToList();
            return Paging.ToPage(rows, limit, r => Paging.TicksCursor(r.Shift.Start, r.Id));
        }
    }
}
