namespace Cpts.Agenda.Api.Features.Appointments;

/// <summary>A stored appointment that use cases load by id: a booking or a teleconsultation.</summary>
public interface IAppointmentRow<TSelf> : IAppointment where TSelf : class, IAppointmentRow<TSelf>
{
    /// <summary>What a 404 names: "Booking", "Teleconsultation".</summary>
    static abstract string Noun { get; }

    static abstract Task<TSelf?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null);

    /// <summary>Who may read it, see its patient and cancel it.</summary>
    bool IsConcerned(Caller caller);
}
