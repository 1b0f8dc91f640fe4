using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// A nurse (or the coordinator) books a teleconsultation: a room with its cart (or none, at the
/// patient's home or nursing home), herself and a remote doctor, for one patient. The row's trigger
/// writes a commitment for each of the three; the exclusion constraint on commitments refuses any
/// overlap with what the agenda already holds for them, so of parallel bookers exactly one wins.
/// Side effects: audit teleconsultation.create (teleconsultation.replay on a replay), notification planning
/// of the teleconsultation; triggers: teleconsultations_refuse_busy_time, teleconsultations_hold_commitments
/// (room, nurse, doctor), commitments_refuse_inactive.
/// </summary>
public static class BookTeleconsultation
{
    public const int MaxHolderLength = 100;

    /// <summary>Professions that can be the remote doctor: a GP, or another doctor (a specialist).</summary>
    public static readonly IReadOnlyList<string> DoctorProfessions = Professions.Doctors;

    public sealed record Body(
        Guid? RoomId, DateTimeOffset? Start, DateTimeOffset? End, Guid? NurseId, Guid? DoctorId,
        BookSlotPatientBody? Patient, string? Reason, string? Holder);

    public sealed record Command(Caller Caller, Body Body, string? IdempotencyKey) : IRequest<Result<TeleconsultationDto>>, IAudited<TeleconsultationDto>, IPlansNotifications<TeleconsultationDto>
    {
        public AuditAs Audited => new("teleconsultation.create", "teleconsultation", StatusCodes.Status201Created);
        public string? AuditedObject(TeleconsultationDto? done) => done?.Id.ToString();
        public Guid NotificationSubject(TeleconsultationDto done) => done.Id;
    }

    private const string Insert = """
        INSERT INTO teleconsultations (id, room_id, site_id, nurse_id, doctor_id, starts_at, ends_at, holder, status,
            patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_has_regular_doctor,
            reason, booked_by, booked_by_role, created_at)
        VALUES (@Id, @RoomId, @SiteId, @NurseId, @DoctorId, @Start, @End, @Holder, 'active',
            @FirstName, @LastName, @BirthDate, @Phone, @HasRegularDoctor, @Reason, @BookedBy, @BookedByRole, @Now)
        """;

    private const string Taken = """
        SELECT holder_id FROM commitments
        WHERE holder_id = ANY(@Holders) AND during && tstzrange(@Start, @End, '[)')
        """;

    private const string Busy = """
        SELECT DISTINCT practitioner_id FROM busy_times
        WHERE practitioner_id = ANY(@Practitioners) AND during && tstzrange(@Start, @End, '[)')
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, Idempotency.ReplayMarker replays) : IRequestHandler<Command, Result<TeleconsultationDto>>
    {
        public async ValueTask<Result<TeleconsultationDto>> Handle(Command command, CancellationToken ct)
        {
            var (caller, b) = (command.Caller, command.Body);
            var now = clock.GetUtcNow();
            var v = new Validation()
                .Check(b.Start is not null, "start", "start is required.")
                .Check(b.NurseId is not null, "nurseId", "nurseId is required.")
                .Check(b.DoctorId is not null, "doctorId", "doctorId is required.")
                .Check(b.NurseId is null || b.NurseId != b.DoctorId, "doctorId", "The doctor and the nurse are two different people.")
                .Check(b.Start is null || b.End is null || b.End > b.Start, "end", "end must be after start.")
                .Optional(b.Reason, "reason", 500)
                .Optional(b.Holder, "holder", MaxHolderLength);
            v.Check(b.Holder is null || !string.IsNullOrWhiteSpace(b.Holder), "holder", "holder, when given, names the partner institution.");
            PatientRules.Validate(b.Patient, Paris.LocalDate(now), v);
            if (v.Failed) return v.ToError();
            if (Idempotency.CheckKey(command.IdempotencyKey) is { } badKey) return badKey;
            if (caller.Is(Roles.Nurse) && !caller.Owns(b.NurseId!.Value))
                return Error.Forbidden("A nurse books teleconsultations only as herself: nurseId must be her own practitioner id.");

            return await LostRaces.RetryAsync(() => BookOnceAsync(command, b, caller, now, ct));
        }

        /// <summary>The booking's transaction (run again by LostRaces when PostgreSQL broke a deadlock with a concurrent booking).</summary>
        private async Task<Result<TeleconsultationDto>> BookOnceAsync(Command command, Body b, Caller caller, DateTimeOffset now, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            await LostRaces.LockInOrderAsync(c, tx, [b.RoomId, b.NurseId, b.DoctorId], ct);
            var id = Guid.CreateVersion7();
            if (await Idempotency.ClaimOrReplayAsync(c, tx, command.IdempotencyKey, caller.Subject, Idempotency.Hash(b), "teleconsultation", id, now, replays,
                    async first => (await TeleconsultationRow.LoadAsync(c, first, ct, tx))!.ToDto(), ct) is { } replayed)
                return replayed;

            // The room is read under a share lock: a reservation being added to it is either seen or waited for.
            RoomRow? room = null;
            if (b.RoomId is { } roomId && (room = await RoomRow.LoadAsync(c, roomId, ct, tx, RoomRow.Lock.Share)) is null)
                return Error.NotFound($"Room {roomId}");
            var people = (await c.QueryAsync<(Guid Id, string Profession)>(new CommandDefinition(
                "SELECT id, profession FROM practitioners WHERE id = ANY(@Ids)", new { Ids = new[] { b.NurseId!.Value, b.DoctorId!.Value } },
                tx, cancellationToken: ct))).ToDictionary(p => p.Id, p => p.Profession);
            if (!people.TryGetValue(b.NurseId.Value, out var nurseProfession)) return Error.NotFound($"Nurse {b.NurseId}");
            if (!people.TryGetValue(b.DoctorId.Value, out var doctorProfession)) return Error.NotFound($"Doctor {b.DoctorId}");
            if (nurseProfession != Professions.Nurse) return Error.Rule("nurseId must name a practitioner whose profession is nurse.");
            if (!DoctorProfessions.Contains(doctorProfession)) return Error.Rule("doctorId must name a doctor (a generalist or another doctor).");

            var start = b.Start!.Value.ToUniversalTime();
            var end = (b.End ?? start.AddMinutes(room?.SlotMinutes ?? RoomRules.DefaultMinutes)).ToUniversalTime();
            if (RoomRules.TimingProblem(start, end, now) is { } timing) return Error.Rule(timing);
            if (room is not null)
            {
                if (RoomRules.PlacementProblem(room.Hours, room.SlotMinutes, start, end) is { } placement) return Error.Rule(placement);
                var age = RoomRules.AgeOn(b.Patient!.BirthDate!.Value, Paris.LocalDate(start));
                if (age < room.MinPatientAge) return Error.Rule($"This room receives patients from {room.MinPatientAge} years old.");
                if (!caller.IsCoordinator && await ReservedFor(c, tx, room.Id, start, end, b.Holder, ct) is { } partner)
                    return Error.Conflict($"The room is reserved for {partner} at that time; only that partner's bookings or the coordinator may use it.");
            }

            var p = b.Patient!;
            try
            {
                await c.ExecuteAsync(new CommandDefinition(Insert, new
                {
                    Id = id, b.RoomId, SiteId = room?.SiteId, NurseId = b.NurseId.Value, DoctorId = b.DoctorId.Value, Start = start, End = end,
                    Holder = b.Holder?.Trim(), FirstName = p.FirstName!.Trim(), LastName = p.LastName!.Trim(), p.BirthDate,
                    Phone = p.Phone?.Trim(), HasRegularDoctor = p.HasRegularDoctor!.Value, b.Reason,
                    BookedBy = caller.Subject, BookedByRole = caller.Role, Now = now,
                }, tx, cancellationToken: ct));
                var row = await TeleconsultationRow.LoadAsync(c, id, ct, tx);
                await tx.CommitAsync(ct);
                return row!.ToDto();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
            {
                await tx.RollbackAsync(ct);
                return BusyTimeClash.Is(e) ? await WhoIsBusy(c, b, start, end, ct) : await WhoIsTaken(c, b, start, end, ct);
            }
        }

        /// <summary>The partner whose weekly block this time overlaps, unless the booking names that partner.</summary>
        private static async Task<string?> ReservedFor(NpgsqlConnection c, NpgsqlTransaction tx, Guid roomId, DateTimeOffset start, DateTimeOffset end,
            string? holder, CancellationToken ct)
        {
            var reservations = await RoomRow.ReservationsAsync(c, roomId, ct, tx);
            // A booking in a room lies within one opening interval, so within the local day it starts on.
            var date = Paris.LocalDate(start);
            return reservations.FirstOrDefault(r => r.On(date) is { } block && block.Overlaps(start, end) && !RoomRules.SameHolder(r.Holder, holder))?.Holder;
        }

        /// <summary>After a refusal by refuse_busy_time(): whether the nurse, the doctor or both have a busy time then.</summary>
        private static async Task<Error> WhoIsBusy(NpgsqlConnection c, Body b, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
        {
            var busy = (await c.QueryAsync<Guid>(new CommandDefinition(Busy,
                new { Practitioners = new[] { b.NurseId!.Value, b.DoctorId!.Value }, Start = start, End = end }, cancellationToken: ct))).ToHashSet();
            var who = (busy.Contains(b.NurseId!.Value), busy.Contains(b.DoctorId!.Value)) switch
            {
                (true, true) => "The nurse and the doctor have",
                (true, false) => "The nurse has",
                (false, true) => "The doctor has",
                _ => "The nurse or the doctor has",
            };
            return Error.Conflict($"{who} a busy time in their own calendar at that time.");
        }

        /// <summary>After a refused insert: which of the room, the nurse and the doctor is held at that time.</summary>
        private static async Task<Error> WhoIsTaken(NpgsqlConnection c, Body b, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
        {
            var holders = new[] { b.RoomId, b.NurseId, b.DoctorId }.Where(h => h is not null).Select(h => h!.Value).ToArray();
            var taken = (await c.QueryAsync<Guid>(new CommandDefinition(Taken, new { Holders = holders, Start = start, End = end }, cancellationToken: ct))).ToHashSet();
            var reasons = new List<string>();
            if (b.RoomId is { } room && taken.Contains(room)) reasons.Add("The room is taken at that time.");
            if (taken.Contains(b.NurseId!.Value)) reasons.Add("The nurse is already committed at that time (another teleconsultation, a slot or a shift).");
            if (taken.Contains(b.DoctorId!.Value)) reasons.Add("The doctor is already committed at that time (another teleconsultation, a slot or a shift).");
            return Error.Conflict(reasons.Count > 0
                ? string.Join(" ", reasons)
                : "The room, the nurse or the doctor was taken at that time by another booking; try again.");
        }
    }
}
