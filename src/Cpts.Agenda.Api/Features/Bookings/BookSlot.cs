using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;
using Cpts.Agenda.Api.Features.Slots;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>
/// The regulator (or a nurse, pharmacist, GP, coordinator) books a free slot for a patient.
/// The slot flips free → booked in one conditional UPDATE and a unique index allows one active
/// booking per slot: of N parallel bookers exactly one wins, the others get 409.
/// Side effects: audit booking.create (booking.replay on a replay), written in the booking's own transaction;
/// notification planning of the booking;
/// triggers: slots_hold_commitment (no change: a booked slot keeps its commitment), bookings_sas_events (a
/// sas booking queues its INT_R03 "booked" event).
/// </summary>
public static class BookSlot
{
    public static readonly IReadOnlyList<string> Channels = ["sas", "nurse", "pharmacist", "practitioner", "cpts"];

    public sealed record Body([property: Required] Guid? SlotId, [property: Required] BookSlotPatientBody? Patient, string? Reason, [property: ValuesFrom(typeof(BookSlot), nameof(BookSlot.Channels))] string? Channel);

    public sealed record Command(Caller Caller, Body Body, string? IdempotencyKey) : IRequest<Result<BookingDto>>, IAudited<BookingDto>, IPlansNotifications<BookingDto>
    {
        public AuditAs Audited => new("booking.create", "booking", StatusCodes.Status201Created);
        public string? AuditedObject(BookingDto? done) => done?.Id.ToString();
        public Guid NotificationSubject(BookingDto done) => done.Id;
    }

    // The happy path in one statement: the slot is free, visible to the caller and not over.
    private const string TakeSlot = """
        UPDATE slots SET status = 'booked', version = version + 1, updated_at = @Now
        WHERE id = @SlotId AND status = 'free' AND ends_at > @Now AND (NOT @SasOnly OR visibility = 'sas')
        RETURNING practitioner_id, starts_at, ends_at
        """;

    // Only when TakeSlot took nothing: why.
    private const string Explain = "SELECT visibility, status, ends_at FROM slots WHERE id = @SlotId";

    private const string Insert = """
        INSERT INTO bookings (id, slot_id, practitioner_id, starts_at, ends_at, channel, status,
            patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_has_regular_doctor,
            reason, booked_by, booked_by_role, created_at)
        VALUES (@Id, @SlotId, @PractitionerId, @StartsAt, @EndsAt, @Channel, 'active',
            @FirstName, @LastName, @BirthDate, @Phone, @HasRegularDoctor, @Reason, @BookedBy, @BookedByRole, @Now)
        RETURNING *
        """;

    /// <summary>The channel a booking came through when the caller does not say: their role's.</summary>
    public static string DefaultChannel(string role) => role switch
    {
        Roles.Regulator => "sas",
        Roles.Nurse => "nurse",
        Roles.Practitioner => "practitioner",
        _ => "cpts",
    };

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, Idempotency.ReplayMarker replays, AuditTrail audit) : IRequestHandler<Command, Result<BookingDto>>
    {
        public async ValueTask<Result<BookingDto>> Handle(Command command, CancellationToken ct)
        {
            var (caller, b) = (command.Caller, command.Body);
            var now = clock.GetUtcNow();
            var v = new Validation().Check(b.SlotId is not null, "slotId", "slotId is required.");
            PatientRules.Validate(b.Patient, Paris.LocalDate(now), v);
            if (b.Channel is not null) v.OneOf(b.Channel, "channel", Channels);
            v.Optional(b.Reason, "reason", 500);
            if (v.Failed) return v.ToError();
            if (Idempotency.CheckKey(command.IdempotencyKey) is { } badKey) return badKey;

            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            var id = Guid.CreateVersion7();
            if (await Idempotency.ClaimOrReplayAsync(c, tx, command.IdempotencyKey, caller.Subject, Idempotency.Hash(b), "booking", id, now, replays,
                    async first => (await BookingRow.LoadAsync(c, first, ct, tx))!.ToDto(), ct) is { } replayed)
            {
                if (replayed.Value is { } again)
                {
                    await audit.RecordInAsync(command, again, tx, ct);
                    await tx.CommitAsync(ct);
                }
                return replayed;
            }

            // The regulator sees only SAS slots: another slot does not exist for them.
            var sasOnly = SlotRules.SeesSasSlotsOnly(caller);
            var taken = await c.QuerySingleOrDefaultAsync<(Guid PractitionerId, DateTime StartsAt, DateTime EndsAt)?>(
                new CommandDefinition(TakeSlot, new { b.SlotId, Now = now, SasOnly = sasOnly }, tx, cancellationToken: ct));
            if (taken is not { } s)
            {
                var why = await c.QuerySingleOrDefaultAsync<(string Visibility, string Status, DateTime EndsAt)?>(
                    new CommandDefinition(Explain, new { b.SlotId }, tx, cancellationToken: ct));
                if (why is not { } w || (sasOnly && w.Visibility != SlotRules.SasVisibility)) return Error.NotFound($"Slot {b.SlotId}");
                if (w.Status != "free") return NotFree(w.Status);
                if (Utc(w.EndsAt) <= now) return Error.Rule("The slot is over: it can no longer be booked.");
                return NotFree("booked"); // taken between the two statements
            }

            var p = b.Patient!;
            var booking = await c.QuerySingleAsync<BookingRow>(new CommandDefinition(Insert, new
            {
                Id = id, b.SlotId, s.PractitionerId, StartsAt = Utc(s.StartsAt), EndsAt = Utc(s.EndsAt),
                Channel = b.Channel ?? DefaultChannel(caller.Role),
                FirstName = p.FirstName!.Trim(), LastName = p.LastName!.Trim(), p.BirthDate, Phone = p.Phone?.Trim(),
                HasRegularDoctor = p.HasRegularDoctor!.Value, b.Reason, BookedBy = caller.Subject, BookedByRole = caller.Role, Now = now,
            }, tx, cancellationToken: ct));
            var done = booking.ToDto();
            await audit.RecordInAsync(command, done, tx, ct);
            await tx.CommitAsync(ct);
            return done;
        }

        private static Error NotFree(string status) => Error.Conflict(status == "withdrawn"
            ? "The slot was withdrawn by its practitioner."
            : "The slot is already booked: search again for another free slot.");

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
