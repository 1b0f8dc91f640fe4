using Cpts.Agenda.Api.Features.Shifts;
using Cpts.Agenda.Api.Features.Telemedicine;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// A practitioner's agenda over at most a month (her week view): her SNP slots with their bookings,
/// her MMG shifts, the teleconsultations where she is the doctor and the busy times imported from her
/// own calendars. Read through the same queries as their own routes, so it shows nothing they refuse.
/// </summary>
public static class GetAgenda
{
    public const int MaxDays = 31;

    public sealed record Query(Caller Caller, Guid PractitionerId, string? From, string? To) : IRequest<Result<Agenda>>;

    private const string BusyTimes = """
        SELECT lower(during) AS start, upper(during) AS "end" FROM busy_times
        WHERE practitioner_id = @PractitionerId AND during && tstzrange(@From, @To, '[)')
        ORDER BY lower(during), upper(during)
        """;

    private sealed class BusyRow
    {
        public DateTimeOffset Start { get; init; }
        public DateTimeOffset End { get; init; }
    }

    public sealed class Handler(NpgsqlDataSource db, ISender sender, TimeProvider clock) : IRequestHandler<Query, Result<Agenda>>
    {
        public async ValueTask<Result<Agenda>> Handle(Query q, CancellationToken ct)
        {
            var v = new Validation();
            var now = clock.GetUtcNow();
            var (from, to) = v.Period(q.From, q.To, Paris.Day(Paris.LocalDate(now)).Start, start => start.AddDays(7), TimeSpan.FromDays(MaxDays)) ?? default;
            if (v.Failed) return v.ToError();
            var (caller, id) = (q.Caller, q.PractitionerId);
            if (!caller.IsCoordinator && !caller.Owns(id)) return Error.Forbidden("A practitioner reads only her own agenda.");
            var (fromText, toText) = (Paris.Format(from), Paris.Format(to));

            var slots = new List<SlotListItem>();
            for (string? cursor = null; ;)
            {
                var page = await sender.Send(new ListSlots.Query(caller, id, fromText, toText, null, Paging.MaxLimit, cursor), ct);
                if (page.Error is { } e) return e;
                slots.AddRange(page.Value!.Items);
                if ((cursor = page.Value.Next) is null) break;
            }
            var shifts = new List<ShiftDto>();
            for (string? cursor = null; ;)
            {
                var page = await sender.Send(new ListShifts.Query(null, fromText, toText, null, null, id, Paging.MaxLimit, cursor), ct);
                if (page.Error is { } e) return e;
                shifts.AddRange(page.Value!.Items);
                if ((cursor = page.Value.Next) is null) break;
            }
            var teleconsultations = new List<TeleconsultationDto>();
            for (var day = Paris.LocalDate(from); Paris.Day(day).Start < to; day = day.AddDays(1))
            {
                for (string? cursor = null; ;)
                {
                    var page = await sender.Send(new ListTeleconsultations.Query(
                        caller, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, id, null, null, null, Paging.MaxLimit, cursor), ct);
                    if (page.Error is { } e) return e;
                    teleconsultations.AddRange(page.Value!.Items.Where(t => t.Start >= from && t.Start < to));
                    if ((cursor = page.Value.Next) is null) break;
                }
            }
            await using var c = await db.OpenConnectionAsync(ct);
            var busy = (await c.QueryAsync<BusyRow>(new CommandDefinition(BusyTimes, new { PractitionerId = id, From = from, To = to }, cancellationToken: ct)))
                .Select(b => new BusyTime(b.Start, b.End)).ToList();
            return new Agenda(id, from, to, slots, shifts, teleconsultations, busy);
        }
    }
}
