namespace Cpts.Agenda.Bench;

public sealed record ContentionResult(int Slots, long Attempts, long Winners, long Conflicts, long OtherClientErrors, long ServerErrors, long Failures,
    long ActiveBookingsInDatabase, long SlotsWithTwoActiveBookings);
