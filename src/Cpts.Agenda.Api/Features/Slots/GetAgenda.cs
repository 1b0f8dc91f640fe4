using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Shifts;
using Cpts.Agenda.Api.Features.Telemedicine;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// A practitioner's agenda over at most a month (her week view), for herself or the coordinator: her SNP
/// slots with their bookings, her MMG shifts, the teleconsultations where she is the doctor and the busy
/// times imported from her own calendars. Read with the statements of their own lists (ListSlots,
/// ListShifts, ListTeleconsultations) and their rules, in one batch on one connection, so it shows nothing
/// they refuse.
/// Side effects: none (a pure read); triggers: none.
/// </summary>
public static class GetAgenda
{
    public const int MaxDays = 31;

    public sealed record Query(Caller Caller, Guid PractitionerId, string? From, string? To) : IRequest<Result<Agenda>>;

    private const string BusyTimes = """
        SELECT lower(during) AS start, upper(during) AS "end" FROM busy_times
        WHERE practitioner_id = @PractitionerId AND during && tstzrange(@PeriodStart, @PeriodEnd, '[)')
        ORDER BY lower(during), upper(during)
        """;

    // The four lists in one batch (one round trip): each statement is the one its list uses, with the list's rules
    // applied in the handler (the teleconsultations' scope) and without pages, which only cut the same order in pieces.
    private const string Period = $"""
        {ListSlots.PractitionerPeriodSql};
        {ListShifts.AssigneePeriodSql};
        {ListTeleconsultations.DoctorPeriodSql};
        {BusyTimes}
        """;

    private sealed class BusyRow
    {
        public DateTimeOffset Start { get; init; }
        public DateTimeOffset End { get; init; }
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Query, Result<Agenda>>
    {
        public async ValueTask<Result<Agenda>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var now = clock.GetUtcNow();
            var (from, to) = v.Period(q.From, q.To, Paris.Day(Paris.LocalDate(now)).Start, start => start.AddDays(7), TimeSpan.FromDays(MaxDays)) ?? default;
            if (v.Failed) return v.ToError();
            var (caller, id) = (q.Caller, q.PractitionerId);
            if (!caller.IsCoordinator && !caller.Owns(id)) return Error.Forbidden("A practitioner reads only her own agenda.");
            // What the lists refuse is refused here too: a practitioner lists only her own slots (ListSlots, the check above),
            // a nurse only the teleconsultations where she is the nurse, a doctor his own (ListTeleconsultations.Scope).
            if (ListTeleconsultations.Scope(caller, null, id) is not { } tele) return Error.Forbidden("A doctor sees only his own teleconsultations.");
            // Slots and shifts are read over the period as their lists read it from its text: to the second.
            var (listFrom, listTo) = (Dates.TruncateToSeconds(from), Dates.TruncateToSeconds(to));

            await using var c = await db.OpenConnectionAsync(ct);
            List<SlotListItem> slots;
            List<ShiftRow> shiftRows;
            List<TeleconsultationRow> teleRows;
            List<BusyTime> busy;
            await using (var grid = await c.QueryMultipleAsync(new CommandDefinition(Period, new
            {
                PractitionerId = id, AssigneeId = id, From = listFrom, To = listTo,
                tele.NurseId, tele.DoctorId, PeriodStart = from, PeriodEnd = to,
            }, cancellationToken: ct)))
            {
                slots = await ListSlots.ReadAsync(grid);
                shiftRows = (await grid.ReadAsync<ShiftRow>()).ToList();
                teleRows = (await grid.ReadAsync<TeleconsultationRow>()).ToList();
                busy = (await grid.ReadAsync<BusyRow>()).Select(b => new BusyTime(b.Start, b.End)).ToList();
            }
            // The names of both lists in one look-up (two statements at most) instead of one per list and day.
            var names = await NameBook.LoadAsync(c,
                shiftRows.Select(r => r.AssigneeId).Concat(teleRows.SelectMany(r => new Guid?[] { r.NurseId, r.DoctorId })),
                shiftRows.Select(r => (Guid?)r.SiteId).Concat(teleRows.Select(r => r.SiteId)), ct);
            var shifts = shiftRows.Select(r => r.ToDto(names)).ToList();
            var teleconsultations = teleRows.Select(r => r.ToDto(names)).ToList();
            return new Agenda(id, from, to, slots, shifts, teleconsultations, busy);
        }
    }
}
