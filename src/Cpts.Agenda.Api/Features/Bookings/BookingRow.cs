using Cpts.Agenda.Api.Features.Appointments;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>One booking as stored, and who may see or change it.</summary>
public class BookingRow : AppointmentRow, IAppointmentRow<BookingRow>
{
    public Guid SlotId { get; init; }
    public Guid PractitionerId { get; init; }
    public string Channel { get; init; } = "";

    public const string Select = "SELECT * FROM bookings WHERE id = @Id";

    public static string Noun => "Booking";

    public static Task<BookingRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(Select, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The booker, the slot's practitioner and the coordinator.</summary>
    public bool IsConcerned(Caller caller) => caller.IsCoordinator || caller.Owns(PractitionerId) || caller.Subject == BookedBy;

    public BookingDto ToDto() => new(Id, SlotId, PractitionerId, StartsAt, EndsAt, Channel, Status, ToPatient(),
        Reason, Outcome, ReorientedToRegularDoctor, CreatedAt, CancelledAt);
}
