namespace Cpts.Agenda.Api.Features.Slots;

public sealed record BusyTime(DateTimeOffset Start, DateTimeOffset End);
