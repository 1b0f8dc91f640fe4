namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// A practitioner of the directory. Phone and e-mail are the person's own (reminders go there); the
/// practice fields are where they practise (from the Annuaire Santé or typed by the coordinator).
/// </summary>
public sealed record PractitionerDto(
    Guid Id, string Rpps, string FirstName, string LastName, [property: ValuesFrom(typeof(Professions), nameof(Professions.All))] string Profession,
    string? Email, string? Phone, bool AcceptsNewPatients, string? PostalCode,
    string? Specialty, string? PracticeName, string? PracticeAddress, string? City, string? CommuneCode, string? PracticePhone,
    bool Active)
{
    /// <summary>The columns the record reads, in its constructor's order.</summary>
    public const string Columns = "id, rpps, first_name, last_name, profession, email, phone, accepts_new_patients, postal_code, " +
        "specialty, practice_name, practice_address, city, commune_code, practice_phone, active";
}
