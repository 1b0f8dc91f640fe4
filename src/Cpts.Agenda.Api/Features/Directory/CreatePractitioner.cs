using Cpts.Agenda.Api.Infrastructure;
using Dapper;
using Mediator;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Directory;

public sealed record PractitionerDto(
    Guid Id, string Rpps, string FirstName, string LastName, string Profession,
    string? Email, string? Phone, bool AcceptsNewPatients, string? PostalCode);

public static class CreatePractitioner
{
    public sealed record Body(
        string? Rpps, string? FirstName, string? LastName, string? Profession,
        string? Email, string? Phone, bool? AcceptsNewPatients, string? PostalCode);

    public sealed record Command(Body Body) : IRequest<Result<PractitionerDto>>;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<Command, Result<PractitionerDto>>
    {
        private const string Sql = """
            INSERT INTO practitioners (id, rpps, first_name, last_name, profession, email, phone, accepts_new_patients, postal_code, created_at)
            VALUES (@Id, @Rpps, @FirstName, @LastName, @Profession, @Email, @Phone, @AcceptsNewPatients, @PostalCode, @Now)
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
                .Optional(b.Email, "email", 200)
                .Optional(b.Phone, "phone", 30)
                .Check(Rpps.IsValid(b.Rpps), "rpps", "rpps must be 11 digits whose last digit is the Luhn check digit.")
                .Check(b.Email is null || b.Email.Contains('@', StringComparison.Ordinal), "email", "email is not an e-mail address.")
                .Check(b.PostalCode is null || (b.PostalCode.Length == 5 && b.PostalCode.All(char.IsAsciiDigit)), "postalCode", "postalCode must be 5 digits.");
            if (v.Failed) return v.ToError();

            var dto = new PractitionerDto(Guid.CreateVersion7(), b.Rpps!, b.FirstName!.Trim(), b.LastName!.Trim(), b.Profession!,
                b.Email, b.Phone, b.AcceptsNewPatients ?? false, b.PostalCode);
            await using var c = await db.OpenConnectionAsync(ct);
            var id = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Sql, new
            {
                dto.Id, dto.Rpps, dto.FirstName, dto.LastName, dto.Profession, dto.Email, dto.Phone,
                dto.AcceptsNewPatients, dto.PostalCode, Now = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return id is null ? Error.Conflict("A practitioner with this RPPS already exists.") : dto;
        }
    }
}
