namespace Cpts.Agenda.Api.Features.Appointments;

/// <summary>
/// The end of an appointment, the same for a booking and a teleconsultation: when it may be cancelled,
/// when its outcome may be recorded, and the guards of the UPDATEs that do it. The guards hold what the
/// checks read, so a race lost between the read and the write is a 409, never a cancelled appointment
/// with an outcome nor an outcome reported on a cancelled one. CancelBooking, RecordOutcome and their
/// telemedicine twins all go through here, so they cannot drift apart.
/// </summary>
public static class AppointmentEnd
{
    public static readonly IReadOnlyList<string> Statuses = ["attended", "no-show"];

    /// <summary>SET and WHERE of a cancellation: an active appointment without an outcome only.</summary>
    public const string CancelSet = "status = 'cancelled', cancelled_at = @Now, cancel_reason = @Reason";
    public const string CancelGuard = "id = @Id AND status = 'active' AND outcome IS NULL";

    /// <summary>SET and WHERE of an outcome: an active appointment only (an outcome may be corrected).</summary>
    public const string OutcomeSet = "outcome = @Status, reoriented_to_regular_doctor = @Reoriented, outcome_at = @Now";
    public const string OutcomeGuard = "id = @Id AND status = 'active'";

    public const int MaxReasonLength = 500;

    public static Error? CheckReason(string? reason) =>
        reason is { Length: > MaxReasonLength } ? Error.Invalid("reason", $"reason must be at most {MaxReasonLength} characters.") : null;

    public static Error HasOutcome(string what) => Error.Conflict($"{what} already has an outcome; it can no longer be cancelled.");

    public static Error WasCancelled(string what) => Error.Conflict($"{what} was cancelled.");

    /// <summary>Before cancelling: an appointment with an outcome stays.</summary>
    public static Error? CheckCancel(IAppointment appointment, string what) => appointment.Outcome is not null ? HasOutcome(what) : null;

    /// <summary>
    /// After the guarded UPDATE, from the appointment read again: cancelled (by this request or an earlier
    /// one: cancelling twice is harmless), or an outcome recorded in between (409).
    /// </summary>
    public static Error? AfterCancel(IAppointment after, string what) => after.Status == "cancelled" ? null : HasOutcome(what);

    public static Error? CheckOutcomeStatus(string? status)
    {
        var v = new Validation().OneOf(status, "status", Statuses);
        return v.Failed ? v.ToError() : null;
    }

    /// <summary>Before recording an outcome: active, started, re-oriented only with a regular doctor. The value of reoriented_to_regular_doctor to store.</summary>
    public static Result<bool?> CheckOutcome(IAppointment appointment, bool? reoriented, DateTimeOffset now, string what)
    {
        if (appointment.Status != "active") return WasCancelled(what);
        if (appointment.StartsAt > now) return Error.Rule($"{what} has not started yet.");
        if (reoriented == true && !appointment.PatientHasRegularDoctor) return Error.Rule("The patient has no regular doctor to be re-oriented to.");
        return reoriented ?? (appointment.PatientHasRegularDoctor ? false : null);
    }

    /// <summary>After the guarded UPDATE of an outcome: no row means the appointment was cancelled in between (409).</summary>
    public static Error? AfterOutcome(int updated, string what) => updated == 0 ? WasCancelled(what) : null;

    /// <summary>
    /// The appointment a read or a write names by id: 404 when there is none, 403 (<paramref name="forbidden"/>)
    /// when <paramref name="may"/> (by default: the appointment concerns the caller) refuses.
    /// </summary>
    public static async Task<Result<TRow>> LoadAsync<TRow>(NpgsqlConnection c, Guid id, Caller caller, string forbidden, CancellationToken ct,
        Func<TRow, bool>? may = null) where TRow : class, IAppointmentRow<TRow>
    {
        var row = await TRow.LoadAsync(c, id, ct);
        if (row is null) return Error.NotFound($"{TRow.Noun} {id}");
        return (may?.Invoke(row) ?? row.IsConcerned(caller)) ? row : Error.Forbidden(forbidden);
    }

    /// <summary>
    /// A cancellation by someone the appointment concerns: the reason checked, the appointment loaded, refused
    /// with an outcome, <paramref name="cancel"/> (guarded by <see cref="CancelGuard"/>, parameters Id, Now,
    /// Reason) run, and the appointment read again.
    /// </summary>
    public static async Task<Result<TRow>> CancelAsync<TRow>(NpgsqlDataSource db, TimeProvider clock, Caller caller, Guid id, string? reason,
        string cancel, string what, string forbidden, CancellationToken ct) where TRow : class, IAppointmentRow<TRow>
    {
        if (CheckReason(reason) is { } invalid) return invalid;
        await using var c = await db.OpenConnectionAsync(ct);
        var loaded = await LoadAsync<TRow>(c, id, caller, forbidden, ct);
        if (loaded.Error is { } error) return error;
        if (CheckCancel(loaded.Value!, what) is { } refused) return refused;

        await c.ExecuteAsync(new CommandDefinition(cancel, new { Id = id, Now = clock.GetUtcNow(), Reason = reason }, cancellationToken: ct));
        var after = (await TRow.LoadAsync(c, id, ct))!;
        return AfterCancel(after, what) is { } lost ? lost : after;
    }

    /// <summary>
    /// An outcome recorded by whom <paramref name="may"/> allows: the status checked, the appointment loaded and
    /// checked (<see cref="CheckOutcome"/>), <paramref name="record"/> (guarded by <see cref="OutcomeGuard"/>,
    /// parameters Id, Status, Reoriented, Now) run, and the appointment read again.
    /// </summary>
    public static async Task<Result<TRow>> RecordOutcomeAsync<TRow>(NpgsqlDataSource db, TimeProvider clock, Caller caller, Guid id,
        string? status, bool? reoriented, string record, string what, Func<TRow, bool> may, string forbidden, CancellationToken ct)
        where TRow : class, IAppointmentRow<TRow>
    {
        if (CheckOutcomeStatus(status) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        await using var c = await db.OpenConnectionAsync(ct);
        var loaded = await LoadAsync(c, id, caller, forbidden, ct, may);
        if (loaded.Error is { } error) return error;
        var stored = CheckOutcome(loaded.Value!, reoriented, now, what);
        if (stored.Error is { } refused) return refused;

        var updated = await c.ExecuteAsync(new CommandDefinition(record, new { Id = id, Status = status, Reoriented = stored.Value, Now = now }, cancellationToken: ct));
        if (AfterOutcome(updated, what) is { } lost) return lost;
        return (await TRow.LoadAsync(c, id, ct))!;
    }
}
