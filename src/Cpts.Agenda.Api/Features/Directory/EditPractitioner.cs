using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// The coordinator keeps the directory: a practitioner's contact details, and deactivation of someone
/// who left the CPTS. Deactivation keeps every row that names them (history, figures); they are no
/// longer listed, searched or bookable: their free slots to come are withdrawn and the database
/// refuses them any new commitment (trigger commitments_refuse_inactive).
/// Side effects: audit practitioner.update-contact, .deactivate, .reactivate; the withdrawals of a
/// deactivation fire slots_hold_commitment.
/// </summary>
public static class EditPractitioner
{
    public sealed record ContactBody(
        string? Email, string? Phone, string? PostalCode, string? PracticeName, string? PracticeAddress, string? City,
        string? PracticePhone, bool? AcceptsNewPatients);

    public sealed record UpdateContact(Guid Id, ContactBody Body) : IRequest<Result<PractitionerDto>>, IAudited<PractitionerDto>
    {
        public AuditAs Audited => new("practitioner.update-contact", "practitioner");
        public string? AuditedObject(PractitionerDto? done) => Id.ToString();
    }

    public sealed record Deactivate(Guid Id) : IRequest<Result<PractitionerDto>>, IAudited<PractitionerDto>
    {
        public AuditAs Audited => new("practitioner.deactivate", "practitioner");
        public string? AuditedObject(PractitionerDto? done) => Id.ToString();
    }

    public sealed record Reactivate(Guid Id) : IRequest<Result<PractitionerDto>>, IAudited<PractitionerDto>
    {
        public AuditAs Audited => new("practitioner.reactivate", "practitioner");
        public string? AuditedObject(PractitionerDto? done) => Id.ToString();
    }

    public static void ValidateContact(Validation v, string? email, string? phone, string? postalCode,
        string? practiceName, string? practiceAddress, string? city, string? practicePhone)
    {
        v.Optional(email, "email", 200)
            .Optional(phone, "phone", 30)
            .Optional(practiceName, "practiceName", 200)
            .Optional(practiceAddress, "practiceAddress", 300)
            .Optional(city, "city", 100)
            .Optional(practicePhone, "practicePhone", 30)
            .Check(email is null || email.Contains('@', StringComparison.Ordinal), "email", "email is not an e-mail address.")
            .Check(postalCode is null || IsPostalCode(postalCode), "postalCode", "postalCode must be 5 digits.");
    }

    public static bool IsPostalCode(string text) => text.Length == 5 && text.All(char.IsAsciiDigit);

    private const string Update = $"""
        UPDATE practitioners SET email = @Email, phone = @Phone, postal_code = @PostalCode, practice_name = @PracticeName,
            practice_address = @PracticeAddress, city = @City, practice_phone = @PracticePhone,
            accepts_new_patients = COALESCE(@AcceptsNewPatients, accepts_new_patients), updated_at = @Now
        WHERE id = @Id
        RETURNING {PractitionerDto.Columns}
        """;

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string ById = $"SELECT {PractitionerDto.Columns} FROM practitioners WHERE id = @Id";

    private const string SetInactive = $"""
        UPDATE practitioners SET active = false, deactivated_at = @Now, updated_at = @Now
        WHERE id = @Id AND active
        RETURNING {PractitionerDto.Columns}
        """;

    // Free slots still to come go; booked ones stay (the patient was told a time: the coordinator calls them).
    private const string WithdrawFreeSlots = """
        UPDATE slots SET status = 'withdrawn', version = version + 1, updated_at = @Now
        WHERE practitioner_id = @Id AND status = 'free' AND starts_at >= @Now
        """;

    private const string SetActive = $"""
        UPDATE practitioners SET active = true, deactivated_at = NULL, updated_at = @Now
        WHERE id = @Id
        RETURNING {PractitionerDto.Columns}
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock) :
        IRequestHandler<UpdateContact, Result<PractitionerDto>>,
        IRequestHandler<Deactivate, Result<PractitionerDto>>,
        IRequestHandler<Reactivate, Result<PractitionerDto>>
    {
        public async ValueTask<Result<PractitionerDto>> Handle(UpdateContact command, CancellationToken ct)
        {
            var b = command.Body;
            var v = new Validation();
            ValidateContact(v, b.Email, b.Phone, b.PostalCode, b.PracticeName, b.PracticeAddress, b.City, b.PracticePhone);
            if (v.Failed) return v.ToError();
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await c.QuerySingleOrDefaultAsync<PractitionerDto>(new CommandDefinition(Update, new
            {
                command.Id, Email = Blank(b.Email), Phone = Blank(b.Phone), PostalCode = Blank(b.PostalCode), PracticeName = Blank(b.PracticeName),
                PracticeAddress = Blank(b.PracticeAddress), City = Blank(b.City), PracticePhone = Blank(b.PracticePhone), b.AcceptsNewPatients,
                Now = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return row is null ? Error.NotFound($"Practitioner {command.Id}") : row;
        }

        public async ValueTask<Result<PractitionerDto>> Handle(Deactivate command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            var args = new { command.Id, Now = clock.GetUtcNow() };
            var row = await c.QuerySingleOrDefaultAsync<PractitionerDto>(new CommandDefinition(SetInactive, args, tx, cancellationToken: ct));
            if (row is null)
            {
                var existing = await c.QuerySingleOrDefaultAsync<PractitionerDto>(new CommandDefinition(
                    ById, args, tx, cancellationToken: ct));
                return existing ?? (Result<PractitionerDto>)Error.NotFound($"Practitioner {command.Id}");
            }
            await c.ExecuteAsync(new CommandDefinition(WithdrawFreeSlots, args, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return row;
        }

        public async ValueTask<Result<PractitionerDto>> Handle(Reactivate command, CancellationToken ct)
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await c.QuerySingleOrDefaultAsync<PractitionerDto>(new CommandDefinition(SetActive,
                new { command.Id, Now = clock.GetUtcNow() }, cancellationToken: ct));
            return row is null ? Error.NotFound($"Practitioner {command.Id}") : row;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
