using System.Collections.Frozen;

namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>
/// One line of the Annuaire Santé extraction PS_LibreAcces_Personne_activite: one activity of one
/// health professional ('|'-separated, header line first, every line ending with '|'). Columns are
/// found by their header names, so a column added by the ANS does not shift the others.
/// </summary>
public static class AnnuaireSante
{
    public const string IdType = "Type d'identifiant PP";
    public const string Id = "Identifiant PP";
    public const string NationalId = "Identification nationale PP";
    public const string LastName = "Nom d'exercice";
    public const string FirstName = "Prénom d'exercice";
    public const string ProfessionCode = "Code profession";
    public const string ProfessionLabel = "Libellé profession";
    public const string SpecialtyCode = "Code savoir-faire";
    public const string SpecialtyLabel = "Libellé savoir-faire";
    public const string Mode = "Code mode exercice";
    public const string CompanyName = "Raison sociale site";
    public const string TradeName = "Enseigne commerciale site";
    public const string PlaceComplement = "Complément point géographique (coord. structure)";
    public const string StreetNumber = "Numéro Voie (coord. structure)";
    public const string StreetRepeat = "Indice répétition voie (coord. structure)";
    public const string StreetType = "Libellé type de voie (coord. structure)";
    public const string Street = "Libellé Voie (coord. structure)";
    public const string Distribution = "Mention distribution (coord. structure)";
    public const string PostalCode = "Code postal (coord. structure)";
    public const string Commune = "Code commune (coord. structure)";
    public const string City = "Libellé commune (coord. structure)";
    public const string Phone = "Téléphone (coord. structure)";

    private static readonly string[] Required =
    [
        IdType, Id, NationalId, LastName, FirstName, ProfessionCode, ProfessionLabel, SpecialtyCode, SpecialtyLabel, Mode,
        CompanyName, TradeName, PlaceComplement, StreetNumber, StreetRepeat, StreetType, Street, Distribution, PostalCode, Commune, City, Phone,
    ];

    /// <summary>Specialties (Code savoir-faire) of general practice: SM26 qualified in, SM53 specialist in, SM54 general medicine.</summary>
    private static readonly string[] GeneralPractice = ["SM26", "SM53", "SM54"];

    /// <summary>Annuaire Santé profession codes → the agenda's professions. Doctors (10) depend on their specialty.</summary>
    private static readonly FrozenDictionary<string, string> ProfessionOf = new Dictionary<string, string>
    {
        ["60"] = Professions.Nurse,
        ["70"] = Professions.Physiotherapist,
        ["21"] = "pharmacist",
        ["50"] = "midwife",
        ["91"] = "speech-therapist",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public const string DoctorCode = "10";

    /// <summary>The column positions of a file, from its header line; null when a required column is missing.</summary>
    public sealed class Layout
    {
        private readonly Dictionary<string, int> _index;

        private Layout(Dictionary<string, int> index, int fieldCount) => (_index, FieldCount) = (index, fieldCount);

        /// <summary>Fields of the header line (a line with fewer is cut short).</summary>
        public int FieldCount { get; }

        public int this[string column] => _index[column];

        public static (Layout? Layout, string? Problem) FromHeader(string? header)
        {
            if (string.IsNullOrEmpty(header)) return (null, "The file is empty: the Annuaire Santé extraction starts with its header line.");
            var names = header.TrimStart('\uFEFF').Split('|');
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++) index.TryAdd(names[i].Trim(), i);
            var missing = Required.Where(r => !index.ContainsKey(r)).ToList();
            if (missing.Count > 0)
                return (null, $"The first line is not the header of a PS_LibreAcces_Personne_activite extraction ('|'-separated): missing {string.Join(", ", missing.Take(3).Select(m => $"'{m}'"))}{(missing.Count > 3 ? "…" : "")}.");
            return (new Layout(index, names.Length), null);
        }
    }

    /// <summary>An activity the agenda keeps, as read from one line.</summary>
    public sealed record Activity(
        int Line, string Rpps, string FirstName, string LastName, string Profession, string? Specialty, bool Liberal,
        string? PracticeName, string? PracticeAddress, string? PostalCode, string? CommuneCode, string? City, string? Phone);

    public enum Kind
    {
        /// <summary>A line the agenda keeps.</summary>
        Kept,
        /// <summary>A well-formed line of a profession the agenda does not hold (dentist, optician…).</summary>
        OtherProfession,
        /// <summary>A line that cannot be imported: the reason says why.</summary>
        Skipped,
    }

    public readonly record struct Parsed(Kind Kind, Activity? Activity, string? Reason, string? PostalCode, string? CommuneCode);

    /// <summary>The fields of a line, or null when it has fewer than the header.</summary>
    public static string[]? Fields(Layout layout, string line)
    {
        var fields = line.Split('|');
        return fields.Length < layout.FieldCount - 1 ? null : fields;
    }

    public static Parsed Parse(Layout layout, string[] f, int lineNumber)
    {
        string? Get(string column)
        {
            var i = layout[column];
            var value = i < f.Length ? f[i].Trim() : "";
            return value.Length == 0 ? null : value;
        }

        var postalCode = Get(PostalCode);
        var commune = Get(Commune);
        Parsed Skip(string reason) => new(Kind.Skipped, null, reason, postalCode, commune);

        var professionCode = Get(ProfessionCode);
        var specialtyCode = Get(SpecialtyCode);
        string? profession = professionCode == DoctorCode
            ? (specialtyCode is not null && GeneralPractice.Contains(specialtyCode) ? Professions.Generalist : Professions.Other)
            : professionCode is not null && ProfessionOf.TryGetValue(professionCode, out var p) ? p : null;
        if (profession is null) return new Parsed(Kind.OtherProfession, null, null, postalCode, commune);

        var idType = Get(IdType);
        if (idType == "0") return Skip("ADELI identifier only (no RPPS): not imported.");
        if (idType != "8") return Skip($"Unknown identifier type '{Truncate(idType)}' (8 = RPPS expected).");
        var rpps = Get(Id);
        var national = Get(NationalId);
        if (rpps is null && national is { Length: 12 } && national[0] == '8') rpps = national[1..];
        if (!Rpps.IsValid(rpps)) return Skip($"RPPS '{Truncate(rpps)}' is not 11 digits with a valid Luhn check digit.");
        var lastName = Get(LastName);
        var firstName = Get(FirstName);
        if (lastName is null || firstName is null) return Skip("The name (Nom d'exercice, Prénom d'exercice) is missing.");
        if (lastName.Length > 100 || firstName.Length > 100) return Skip("The name is longer than 100 characters.");
        if (postalCode is not null && !EditPractitioner.IsPostalCode(postalCode)) return Skip($"Postal code '{Truncate(postalCode)}' is not 5 digits.");

        var street = Join(Get(StreetNumber), Get(StreetRepeat), Get(StreetType), Get(Street));
        var address = string.Join(", ", new[] { Get(PlaceComplement), street, Get(Distribution) }.Where(s => s is not null));
        var activity = new Activity(
            lineNumber, rpps!, firstName, lastName, profession,
            professionCode == DoctorCode ? Get(SpecialtyLabel) : null,
            Get(Mode) == "L",
            Limit(Get(TradeName) ?? Get(CompanyName), 200),
            Limit(address.Length == 0 ? null : address, 300),
            postalCode, commune, Limit(Get(City), 100), Limit(Get(Phone), 30));
        return new Parsed(Kind.Kept, activity, null, postalCode, commune);
    }

    private static string? Join(params string?[] parts)
    {
        var joined = string.Join(' ', parts.Where(p => p is not null));
        return joined.Length == 0 ? null : joined;
    }

    private static string? Limit(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    /// <summary>Values echoed in a reason are identifiers, never more than a few characters.</summary>
    private static string Truncate(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";
}
