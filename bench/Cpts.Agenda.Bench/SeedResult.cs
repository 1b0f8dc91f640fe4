namespace Cpts.Agenda.Bench;

public sealed record SeedResult(int Practitioners, int Sites, long Slots, long FreeSlots, long Commitments, long Bookings, TimeSpan Elapsed)
{
    /// <summary>Slots not published because their practitioner holds a shift or a teleconsultation at that time.</summary>
    public long SlotsLeftOut { get; init; }
    /// <summary>Members who may sign in to the pages: one per practitioner, and one regulator.</summary>
    public long Members { get; init; }
    public long Shifts { get; init; }
    public long AssignedShifts { get; init; }
    public long Rooms { get; init; }
    public long Teleconsultations { get; init; }
    public long HomeTeleconsultations { get; init; }
    public long CancelledTeleconsultations { get; init; }
    public TimeSpan RosterAndTelemedicineElapsed { get; init; }

    public string ToMarkdown(SeedOptions o) => $"""
        ## Seed

        | | |
        |---|---|
        | practitioners | {Practitioners:N0} |
        | sites | {Sites:N0} |
        | days | {o.Days} from {o.FirstDay:yyyy-MM-dd} (Paris) |
        | slots | {Slots:N0} ({FreeSlots:N0} free; {SlotsLeftOut:N0} left out under shifts and teleconsultations) |
        | MMG shifts | {Shifts:N0} ({AssignedShifts:N0} assigned) |
        | telemedicine rooms | {Rooms:N0} |
        | teleconsultations | {Teleconsultations:N0} ({HomeTeleconsultations:N0} at home, {CancelledTeleconsultations:N0} cancelled) |
        | commitments | {Commitments:N0} |
        | bookings | {Bookings:N0} |
        | members (page sign-in) | {Members:N0} |
        | time (migrations, binary COPY, commitments, VACUUM ANALYZE) | {Elapsed.TotalSeconds:0.0} s |
        | of which roster and telemedicine (COPY and commitments) | {RosterAndTelemedicineElapsed.TotalSeconds:0.0} s |

        """;
}
