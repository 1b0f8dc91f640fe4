using System.Globalization;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>
/// The teleconsultations of one Paris-local day, soonest first: a nurse sees hers, a doctor his,
/// the coordinator any nurse's, doctor's, room's or site's (or all of them).
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class ListTeleconsultations
{
    public static readonly IReadOnlyList<string> Statuses = ["active", "cancelled"];

    public sealed record Query(
        Caller Caller, string? Date, Guid? NurseId, Guid? DoctorId, Guid? SiteId, Guid? RoomId, string? Status, int? Limit, string? Cursor)
        : IRequest<Result<Page<TeleconsultationDto>>>;

    private const string Select = $"""
        SELECT {TeleconsultationRow.Columns} FROM teleconsultations
        WHERE starts_at >= @DayStart AND starts_at < @DayEnd
          AND (@NurseId::uuid IS NULL OR nurse_id = @NurseId)
          AND (@DoctorId::uuid IS NULL OR doctor_id = @DoctorId)
          AND (@SiteId::uuid IS NULL OR site_id = @SiteId)
          AND (@RoomId::uuid IS NULL OR room_id = @RoomId)
          AND (@Status::text IS NULL OR status = @Status)
          AND (@AfterStart::timestamptz IS NULL OR (starts_at, id) > (@AfterStart, @AfterId))
        ORDER BY starts_at, id
        LIMIT @Take
        """;

    /// <summary>
    /// A doctor's teleconsultations (with this nurse too, when @NurseId is given) starting in [@PeriodStart, @PeriodEnd),
    /// soonest first: what <see cref="Select"/> gives day after day, for the agenda, which reads a whole period in one statement
    /// (the caller's rule applied first with <see cref="Scope"/>).
    /// </summary>
    internal const string DoctorPeriodSql = $"""
        SELECT {TeleconsultationRow.Columns} FROM teleconsultations
        WHERE doctor_id = @DoctorId AND (@NurseId::uuid IS NULL OR nurse_id = @NurseId)
          AND starts_at >= @PeriodStart AND starts_at < @PeriodEnd
        ORDER BY starts_at, id
        """;

    /// <summary>
    /// Whose teleconsultations the caller may list when she asks for a nurse's or a doctor's: a nurse only hers, a doctor
    /// only his, the coordinator any; null when the list is refused.
    /// </summary>
    internal static (Guid? NurseId, Guid? DoctorId)? Scope(Caller caller, Guid? nurseId, Guid? doctorId)
    {
        if (caller.Is(Roles.Nurse))
            return caller.PractitionerId is { } own && (nurseId is null || nurseId == own) ? (own, doctorId) : null;
        if (!caller.IsCoordinator)
            return caller.PractitionerId is { } own && (doctorId is null || doctorId == own) ? (nurseId, own) : null;
        return (nurseId, doctorId);
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Page<TeleconsultationDto>>>
    {
        public async ValueTask<Result<Page<TeleconsultationDto>>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var date = q.Date is null ? Paris.LocalDate(clock.GetUtcNow()) : v.Date(q.Date, "date");
            if (q.Status is not null) v.OneOf(q.Status, "status", Statuses);
            v.CheckLimit(q.Limit);
            var after = ParseCursor(q.Cursor);
            v.Check(q.Cursor is null || after is not null, "cursor", "cursor is not one this service gave.");
            if (v.Failed) return v.ToError();

            if (Scope(q.Caller, q.NurseId, q.DoctorId) is not { } scope)
                return Error.Forbidden(q.Caller.Is(Roles.Nurse) ? "A nurse sees only her own teleconsultations." : "A doctor sees only his own teleconsultations.");
            var (nurseId, doctorId) = scope;

            var (dayStart, dayEnd) = Paris.Day(date!.Value);
            var limit = Paging.Limit(q.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<TeleconsultationRow>(new CommandDefinition(Select, new
            {
                DayStart = dayStart, DayEnd = dayEnd, NurseId = nurseId, DoctorId = doctorId, q.SiteId, q.RoomId, q.Status,
                AfterStart = after?.Start, AfterId = after?.Id ?? Guid.Empty, Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            var names = await TeleconsultationRow.NamesAsync(c, rows, ct);
            return Paging.ToPage(rows.Select(r => r.ToDto(names)).ToList(), limit, t => $"{t.Start.UtcTicks}|{t.Id}");
        }
    }

    private static (DateTimeOffset Start, Guid Id)? ParseCursor(string? cursor)
    {
        var parts = Paging.Decode(cursor)?.Split('|');
        if (parts is not { Length: 2 } || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) || !Guid.TryParse(parts[1], out var id)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return null;
        return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}
