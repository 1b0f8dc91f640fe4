namespace Cpts.Agenda.Api.Features.Appointments;

/// <summary>What a booking and a teleconsultation require of their patient.</summary>
public static class PatientRules
{
    public static Validation Validate(BookSlotPatientBody? p, DateOnly today, Validation v)
    {
        if (p is null)
        {
            v.Add("patient", "patient is required.");
            return v;
        }
        v.Required(p.FirstName, "patient.firstName", 100)
            .Required(p.LastName, "patient.lastName", 100)
            .Check(p.BirthDate is not null, "patient.birthDate", "patient.birthDate is required (yyyy-MM-dd).")
            .Check(p.BirthDate is null || (p.BirthDate <= today && p.BirthDate >= today.AddYears(-130)), "patient.birthDate", "patient.birthDate must be a past date.")
            .Check(p.Phone is null || Phones.IsPhone(p.Phone), "patient.phone", "patient.phone must be a phone number (digits, spaces, +, . or -).")
            .Check(p.HasRegularDoctor is not null, "patient.hasRegularDoctor", "patient.hasRegularDoctor is required.");
        return v;
    }
}
