using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Bench;

public sealed record SeedOptions(int Practitioners = 2000, int Sites = 50, int Days = 30, int SlotsPerDay = 10, int RandomSeed = 42)
{
    /// <summary>The first seeded day (Paris): tomorrow, so every seeded slot is still bookable.</summary>
    public DateOnly FirstDay { get; init; } = Paris.LocalDate(DateTimeOffset.UtcNow).AddDays(1);
    public static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(20);

    /// <summary>Telemedicine rooms, spread over the telemedicine sites.</summary>
    public int TelemedicineRooms { get; init; } = 4;

    /// <summary>Share of the MMG shifts given an assignee; the others stay open.</summary>
    public int AssignedShiftPercent { get; init; } = 85;

    /// <summary>Assisted teleconsultations at the patient's home (no room), Monday to Saturday.</summary>
    public int HomeTeleconsultationsPerDay { get; init; } = 4;
}
