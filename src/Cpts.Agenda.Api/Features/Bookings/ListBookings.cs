using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// Bookings whose appointment starts in [from, to), soonest first: the caller's own (those they
/// booked), a practitioner's also those on their slots, the coordinator's all. Only people who may
/// read a booking's patient ever see it in this list (regulator, nurse, practitioner, coordinator).
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListBookings
{
    public static readonly IReadOnlyList<string> Statuses = ["active", "cancelled"];

    public sealed record Query(Caller Caller, string? From, string? To, string? Status, string? Channel, int? Limit, string? Cursor)
        : IRequest<Result<Page<BookingListItem>>>;

    private const string Sql = $"""
        SELECT b.id, b.slot_id, b.status, b.starts_at, b.ends_at, b.channel, s.mode,
               b.practitioner_id, p.first_name, p.last_name, p.profession, s.site_id, {SiteRef.Columns},
               b.patient_first_name, b.patient_last_name, b.patient_birth_date, b.patient_phone, b.patient_has_regular_doctor,
               b.reason, b.outcome, b.reoriented_to_regular_doctor, b.booked_by_role, b.created_at, b.cancelled_at
        FROM bookings b
        JOIN slots s ON s.id = b.slot_id
        JOIN practitioners p ON p.id = b.practitioner_id
        LEFT JOIN sites st ON st.id = s.site_id
        WHERE b.starts_at >= @From AND (@To::timestamptz IS NULL OR b.starts_at < @To)
          AND (@All OR b.booked_by = @Subject OR b.practitioner_id = @PractitionerId)
          AND (@Status::text IS NULL OR b.status = @Status)
          AND (@Channel::text IS NULL OR b.channel = @Channel)
          AND (NOT @HasAfter OR (b.starts_at, b.id) > (@AfterStart, @AfterId))
        ORDER BY b.starts_at, b.id
        LIMIT @Take
        """;

    /// <summary>A booking with its slot's mode, its practitioner and its site.</summary>
    private sealed class Row : BookingRow
    {
        public string Mode { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Profession { get; init; } = "";
        public string BookedByRole { get; init; } = "";

        public BookingListItem ToItem() => new(Id, SlotId, Status, StartsAt, EndsAt, Channel, Mode,
            new PractitionerRef(PractitionerId, $"{FirstName} {LastName}", Profession),
            Site, ToPatient(), Reason, Outcome, ReorientedToRegularDoctor, BookedByRole, CreatedAt, CancelledAt);
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Page<BookingListItem>>>
    {
        public async ValueTask<Result<Page<BookingListItem>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var (from, to) = v.ListWindow(q.From, q.To, clock.GetUtcNow()) ?? default;
            if (q.Status is not null) v.OneOf(q.Status, "status", Statuses);
            if (q.Channel is not null) v.OneOf(q.Channel, "channel", BookSlot.Channels);
            var after = v.CheckPage(q.Limit, q.Cursor);
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var page = await c.QueryTicksPageAsync<Row>(Sql, new
            {
                From = from, To = to, q.Status, q.Channel,
                All = q.Caller.IsCoordinator, q.Caller.Subject,
                q.Caller.PractitionerId,
            }, after, limit, r => (r.StartsAt, r.Id), ct);
            return new Page<BookingListItem>(page.Items.Select(r => r.ToItem()).ToList(), page.Next);
        }
    }
}
