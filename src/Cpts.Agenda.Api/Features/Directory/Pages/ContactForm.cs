namespace Cpts.Agenda.Api.Features.Directory.Pages;

/// <summary>A practitioner as the coordinator types them: identity (creation only) and contact details.</summary>
public sealed class ContactForm
{
    public string? Rpps { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Profession { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PostalCode { get; set; }
    public string? PracticeName { get; set; }
    public string? PracticeAddress { get; set; }
    public string? City { get; set; }
    public string? PracticePhone { get; set; }
    public bool AcceptsNewPatients { get; set; }

    public static ContactForm Of(PractitionerDto p) => new()
    {
        Email = p.Email, Phone = p.Phone, PostalCode = p.PostalCode, PracticeName = p.PracticeName, PracticeAddress = p.PracticeAddress,
        City = p.City, PracticePhone = p.PracticePhone, AcceptsNewPatients = p.AcceptsNewPatients,
    };

    public EditPractitioner.ContactBody ToContact() =>
        new(Blank(Email), Blank(Phone), Blank(PostalCode), Blank(PracticeName), Blank(PracticeAddress), Blank(City), Blank(PracticePhone), AcceptsNewPatients);

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
