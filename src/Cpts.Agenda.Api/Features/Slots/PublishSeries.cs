using System.Globalization;

namespace Cpts.Agenda.Api.Features.Slots;

/// <summary>
/// A GP (or the coordinator for them) publishes a series ("11:00–12:00 en créneaux de 20 min") on a first
/// day, repeated on chosen weekdays for some weeks: cut by <see cref="SlotSeries"/>, then published as one
/// batch by <see cref="PublishSlots"/> (all or nothing, a clash named per slot as slots[i], in the order of
/// the series).
/// Side effects: audit slot.publish-series (once, by PublishSlots); triggers: slots_refuse_busy_time,
/// slots_hold_commitment (the commitments rows, refused by commitments_no_overlap), commitments_refuse_inactive.
/// </summary>
public static class PublishSeries
{
    /// <param name="Start">Paris local time, HH:mm.</param>
    /// <param name="Weekdays">ISO day numbers (1 = Monday … 7 = Sunday); none: the first day's.</param>
    public sealed record Body(
        Guid? PractitionerId, DateOnly? FirstDay, string? Start, string? End, int? SlotMinutes, List<int>? Weekdays, int? Weeks,
        Guid? SiteId, string? Mode, string? Visibility);

    public sealed record Command(Caller Caller, Body Body) : IRequest<Result<IReadOnlyList<SlotDto>>>;

    public static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>The series' slots, or the fields that make it unusable.</summary>
    public static Result<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> Cut(Body b)
    {
        var (start, end) = (Time(b.Start), Time(b.End));
        var v = new Validation()
            .Check(b.FirstDay is not null, "firstDay", "firstDay is required (yyyy-MM-dd).")
            .Check(start is not null, "start", "start must be a time, HH:mm.")
            .Check(end is not null, "end", "end must be a time, HH:mm.")
            .Check(start is null || end is null || end > start, "end", "end must be after start.")
            .Check(b.SlotMinutes is null or (>= 5 and <= 720), "slotMinutes", "slotMinutes must be between 5 and 720.")
            .Check(b.Weeks is null or (>= 1 and <= SlotSeries.MaxWeeks), "weeks", $"weeks must be between 1 and {SlotSeries.MaxWeeks}.")
            .Check(b.Weekdays is null || b.Weekdays.All(d => d is >= 1 and <= 7), "weekdays", "weekdays are 1 (Monday) to 7 (Sunday).");
        if (v.Failed) return v.ToError();
        var weekdays = (b.Weekdays ?? []).Select(d => (DayOfWeek)(d % 7)).ToList();
        var slots = SlotSeries.Expand(b.FirstDay!.Value, start!.Value, end!.Value, b.SlotMinutes, weekdays, b.Weeks ?? 1);
        if (slots.Count == 0) return Error.Invalid("slotMinutes", "The series holds no slot: the period is shorter than one slot.");
        return slots.ToList();
    }

    public sealed class Handler(ISender sender) : IRequestHandler<Command, Result<IReadOnlyList<SlotDto>>>
    {
        public async ValueTask<Result<IReadOnlyList<SlotDto>>> Handle(Command command, CancellationToken ct)
        {
            var cut = Cut(command.Body);
            if (cut.Error is { } e) return e;
            var b = command.Body;
            var slots = cut.Value!.Select(s => new PublishSlots.SlotBody(b.PractitionerId, s.Start, s.End, b.SiteId, b.Mode, b.Visibility)).ToList();
            return await sender.Send(new PublishSlots.Command(command.Caller, slots, IsBatch: true, IsSeries: true), ct);
        }
    }
}
