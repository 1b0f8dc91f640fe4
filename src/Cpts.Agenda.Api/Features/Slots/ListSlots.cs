using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// A practitioner's slots starting in [from, to), soonest first, each booked one with its active
/// booking. Practitioners read their own (the patient is theirs to see); the coordinator any.
/// Side effects: the list none; <see cref="One"/> (the GP's slot page) audits booking.read when it shows a
/// booking's patient, slot.read when refused; triggers: none.
/// </summary>
public static class ListSlots
{
    public static readonly IReadOnlyList<string> Statuses = ["free", "booked", "withdrawn"];

    public sealed record Query(Caller Caller, Guid? PractitionerId, string? From, string? To, string? Status, int? Limit, string? Cursor)
        : IRequest<Result<Page<SlotListItem>>>;

    /// <summary>
    /// One slot as its practitioner (or the coordinator) reads it: with its booking when booked. Showing a
    /// booking's patient is audited as <c>booking.read</c>, like <c>GetBooking</c>: whoever reads one patient,
    /// through whichever door, leaves a row. A free or withdrawn slot shows no patient and leaves none; a refusal
    /// leaves <c>slot.read</c> refused.
    /// </summary>
    public sealed record One(Caller Caller, Guid SlotId) : IRequest<Result<SlotListItem>>, IAuditedResult<Result<SlotListItem>>
    {
        public AuditEntry? EntryFor(Result<SlotListItem> response) => response.Error switch
        {
            null when response.Value!.Booking is { } booking =>
                new("booking.read", "booking", booking.Id.ToString(), StatusCodes.Status200OK, "done"),
            { Kind: ErrorKind.Forbidden } refused => new("slot.read", "slot", SlotId.ToString(), refused.Status, "refused"),
            _ => null,
        };
    }

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string Select = $"""
        SELECT s.id, s.practitioner_id, p.first_name, p.last_name, p.profession, s.site_id, {SiteRef.Columns},
               s.starts_at, s.ends_at, s.mode, s.visibility, s.status,
               b.id AS booking_id, b.channel, b.created_at AS booked_at, b.booked_by_role,
               b.patient_first_name, b.patient_last_name, b.patient_birth_date, b.patient_phone, b.patient_has_regular_doctor,
               b.reason, b.outcome, b.reoriented_to_regular_doctor
        FROM slots s
        JOIN practitioners p ON p.id = s.practitioner_id
        LEFT JOIN sites st ON st.id = s.site_id
        LEFT JOIN bookings b ON b.slot_id = s.id AND b.status = 'active'
        """;

    private const string OneSql = $"{Select} WHERE s.id = @SlotId";

    private const string Sql = $"""
        {Select}
        WHERE s.starts_at >= @From AND (@To::timestamptz IS NULL OR s.starts_at < @To)
          AND (@PractitionerId::uuid IS NULL OR s.practitioner_id = @PractitionerId)
          AND (@Status::text IS NULL OR s.status = @Status)
          AND (NOT @HasAfter OR (s.starts_at, s.id) > (@AfterStart, @AfterId))
        ORDER BY s.starts_at, s.id
        LIMIT @Take
        """;

    /// <summary>
    /// One practitioner's slots starting in [@From, @To), all of them in the order of the pages of <see cref="Sql"/>:
    /// for <see cref="GetAgenda"/>, which reads them with her other commitments in one batch (read with <see cref="ReadAsync"/>).
    /// </summary>
    internal const string PractitionerPeriodSql = $"""
        {Select}
        WHERE s.practitioner_id = @PractitionerId AND s.starts_at >= @From AND s.starts_at < @To
        ORDER BY s.starts_at, s.id
        """;

    /// <summary>The items of the result of <see cref="PractitionerPeriodSql"/>.</summary>
    internal static async Task<List<SlotListItem>> ReadAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<Row>()).Select(r => r.ToItem()).ToList();

    private sealed class Row : SiteColumnsRow
    {
        public Guid Id { get; init; }
        public Guid PractitionerId { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Profession { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string Mode { get; init; } = "";
        public string Visibility { get; init; } = "";
        public string Status { get; init; } = "";
        public Guid? BookingId { get; init; }
        public string? Channel { get; init; }
        public DateTimeOffset? BookedAt { get; init; }
        public string? BookedByRole { get; init; }
        public string? PatientFirstName { get; init; }
        public string? PatientLastName { get; init; }
        public DateOnly? PatientBirthDate { get; init; }
        public string? PatientPhone { get; init; }
        public bool? PatientHasRegularDoctor { get; init; }
        public string? Reason { get; init; }
        public string? Outcome { get; init; }
        public bool? ReorientedToRegularDoctor { get; init; }

        public SlotListItem ToItem() => new(Id, new PractitionerRef(PractitionerId, $"{FirstName} {LastName}", Profession),
            Site, StartsAt, EndsAt, Mode, Visibility, Status,
            BookingId is { } id
                ? new SlotBooking(id, Channel!, BookedAt!.Value, BookedByRole!,
                    new PatientDto(PatientFirstName, PatientLastName, PatientBirthDate, PatientPhone, PatientHasRegularDoctor ?? false),
                    Reason, Outcome, ReorientedToRegularDoctor)
                : null);
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) :
        IRequestHandler<Query, Result<Page<SlotListItem>>>,
        IRequestHandler<One, Result<SlotListItem>>
    {
        public async ValueTask<Result<SlotListItem>> Handle(One q, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(OneSql, new { q.SlotId }, cancellationToken: ct));
            if (row is null) return Error.NotFound($"Slot {q.SlotId}");
            if (!q.Caller.IsCoordinator && !q.Caller.Owns(row.PractitionerId))
                return Error.Forbidden("A practitioner reads only her own slots and their bookings.");
            return row.ToItem();
        }

        public async ValueTask<Result<Page<SlotListItem>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var (from, to) = v.ListWindow(q.From, q.To, clock.GetUtcNow()) ?? default;
            if (q.Status is not null) v.OneOf(q.Status, "status", Statuses);
            var after = v.CheckPage(q.Limit, q.Cursor);
            if (v.Failed) return v.ToError();

            var caller = q.Caller;
            var practitionerId = q.PractitionerId;
            if (!caller.IsCoordinator)
            {
                // The patients of a practitioner's bookings are theirs alone: no one else's agenda.
                if (caller.PractitionerId is not { } own || (practitionerId is { } asked && asked != own))
                    return Error.Forbidden("A practitioner reads only their own slots.");
                practitionerId = own;
            }

            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var page = await c.QueryTicksPageAsync<Row>(Sql, new { From = from, To = to, PractitionerId = practitionerId, q.Status },
                after, limit, r => (r.StartsAt, r.Id), ct);
            return new Page<SlotListItem>(page.Items.Select(r => r.ToItem()).ToList(), page.Next);
        }
    }
}
