using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Bookings;

/// <summary>One booking as stored, and who may see or change it.</summary>
public sealed record BookingRow : IAppointment
{
    public Guid Id { get; init; }
    public Guid SlotId { get; init; }
    public Guid PractitionerId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Channel { get; init; } = "";
    public string Status { get; init; } = "";
    public string? PatientFirstName { get; init; }
    public string? PatientLastName { get; init; }
    public DateOnly? PatientBirthDate { get; init; }
    public string? PatientPhone { get; init; }
    public bool PatientHasRegularDoctor { get; init; }
    public string? Reason { get; init; }
    public string BookedBy { get; init; } = "";
    public string? Outcome { get; init; }
    public bool? ReorientedToRegularDoctor { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }

    public const string Select = "SELECT * FROM bookings WHERE id = @Id";

    public static Task<BookingRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(Select, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The booker, the slot's practitioner and the coordinator.</summary>
    public bool IsConcerned(Caller caller) => caller.IsCoordinator || caller.Owns(PractitionerId) || caller.Subject == BookedBy;

    public BookingDto ToDto() => new(Id, SlotId, PractitionerId, StartsAt, EndsAt, Channel, Status,
        new PatientDto(PatientFirstName, PatientLastName, PatientBirthDate, PatientPhone, PatientHasRegularDoctor),
        Reason, Outcome, ReorientedToRegularDoctor, CreatedAt, CancelledAt);
}
