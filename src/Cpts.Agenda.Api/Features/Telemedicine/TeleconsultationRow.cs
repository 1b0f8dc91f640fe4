using Cpts.Agenda.Api.Features.Appointments;
using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Api.Features.Telemedicine;

/// <summary>One teleconsultation as stored, and who may see or change it.</summary>
public sealed class TeleconsultationRow : AppointmentRow, IAppointmentRow<TeleconsultationRow>
{
    public Guid? RoomId { get; init; }
    public Guid NurseId { get; init; }
    public Guid DoctorId { get; init; }
    public string? Holder { get; init; }

    public const string Columns = """
        id, room_id, site_id, nurse_id, doctor_id, starts_at, ends_at, holder, status, patient_first_name, patient_last_name,
        patient_birth_date, patient_phone, patient_has_regular_doctor, reason, booked_by, outcome, reoriented_to_regular_doctor,
        created_at, cancelled_at
        """;

    public static string Noun => "Teleconsultation";

    private const string ByIdSql = $"SELECT {Columns} FROM teleconsultations WHERE id = @Id";

    public static Task<TeleconsultationRow?> LoadAsync(NpgsqlConnection c, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        c.QuerySingleOrDefaultAsync<TeleconsultationRow>(new CommandDefinition(ByIdSql, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The nurse, the doctor, whoever booked it, and the coordinator.</summary>
    public bool IsConcerned(Caller caller) =>
        caller.IsCoordinator || caller.Owns(NurseId) || caller.Owns(DoctorId) || caller.Subject == BookedBy;

    /// <param name="names">when given, the nurse's, the doctor's and the site's names travel with their ids (answers people read).</param>
    public TeleconsultationDto ToDto(NameBook? names = null) => new(Id, RoomId, SiteId, RoomId is null ? "home" : "cabinet", NurseId, DoctorId, StartsAt, EndsAt,
        Holder, Status, ToPatient(),
        Reason, Outcome, ReorientedToRegularDoctor, CreatedAt, CancelledAt, names?.Practitioner(NurseId), names?.Practitioner(DoctorId), names?.Site(SiteId));

    public static Task<NameBook> NamesAsync(NpgsqlConnection c, IReadOnlyCollection<TeleconsultationRow> rows, CancellationToken ct) =>
        NameBook.LoadAsync(c, rows.SelectMany(r => new Guid?[] { r.NurseId, r.DoctorId }), rows.Select(r => r.SiteId), ct);
}
