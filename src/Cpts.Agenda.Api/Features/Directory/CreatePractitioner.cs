using System.ComponentModel.DataAnnotations;
using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The coordinator adds a practitioner to the directory, active, known by their RPPS (an RPPS already
/// there: 409).
/// Side effects: audit practitioner.create, one practitioners row; triggers: none.
/// </summary>
public static class CreatePractitioner
{
    public sealed record Body(
        [property: Required] string? Rpps, [property: Required] string? FirstName, [property: Required] string? LastName, [property: Required] [property: ValuesFrom(typeof(Professions), nameof(Professions.All))] string? Profession,
        string? Email, string? Phone, bool? AcceptsNewPatients, string? PostalCode,
        string? PracticeName = null, string? PracticeAddress = null, string? City = null, string? PracticePhone = null);

    public sealed record Command(Body Body) : IRequest<Result<PractitionerDto>>, IAudited<PractitionerDto>
    {
        public AuditAs Audited => new("practitioner.create", "practitioner", StatusCodes.Status201Created);
        public string? AuditedObject(PractitionerDto? done) => done?.Id.ToString();
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<PractitionerDto>>
    {
        private const string Sql = """
            INSERT INTO practitioners (id, rpps, first_name, last_name, profession, email, phone, accepts_new_patients, postal_code,
                practice_name, practice_address, city, practice_phone, created_at, updated_at)
            VALUES (@Id, @Rpps, @FirstName, @LastName, @Profession, @Email, @Phone, @AcceptsNewPatients, @PostalCode,
                @PracticeName, @PracticeAddress, @City, @PracticePhone, @Now, @Now)
            ON CONFLICT ON CONSTRAINT practitioners_rpps_key DO NOTHING
            RETURNING id
            """;

        public async ValueTask<Result<PractitionerDto>> Handle(Command command, CancellationToken ct)
        {
            var b = command.Body;
            var v = new Validation()
                .Required(b.FirstName, "firstName", 100)
                .Required(b.LastName, "lastName", 100)
                .OneOf(b.Profession, "profession", Professions.All)
                .Check(Rpps.IsValid(b.Rpps), "rpps", "rpps must be 11 digits whose last digit is the Luhn check digit.");
            EditPractitioner.ValidateContact(v, b.Email, b.Phone, b.PostalCode, b.PracticeName, b.PracticeAddress, b.City, b.PracticePhone);
            if (v.Failed) return v.ToError();

            var dto = new PractitionerDto(Guid.CreateVersion7(), b.Rpps!, b.FirstName!.Trim(), b.LastName!.Trim(), b.Profession!,
                b.Email, b.Phone, b.AcceptsNewPatients ?? false, b.PostalCode,
                null, b.PracticeName, b.PracticeAddress, b.City, null, b.PracticePhone, true);
            await using var c = await db.OpenConnectionAsync(ct);
            var id = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Sql, new
            {
                dto.Id, dto.Rpps, dto.FirstName, dto.LastName, dto.Profession, dto.Email, dto.Phone,
                dto.AcceptsNewPatients, dto.PostalCode, dto.PracticeName, dto.PracticeAddress, dto.City, dto.PracticePhone, Now = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return id is null ? Error.Conflict("A practitioner with this RPPS already exists.") : dto;
        }
    }
}
