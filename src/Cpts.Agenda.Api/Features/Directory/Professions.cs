namespace Cpts.Agenda.Api.Features.Directory;

public static class Professions
{
    public const string Generalist = "generalist";
    public const string Nurse = "nurse";
    public const string Physiotherapist = "physiotherapist";

    public const string Other = "other";

    /// <summary>Who can be the remote doctor of a teleconsultation: a GP, or another doctor (a specialist).</summary>
    public static readonly IReadOnlyList<string> Doctors = [Generalist, Other];

    public static readonly IReadOnlyList<string> All = [Generalist, Nurse, Physiotherapist, "pharmacist", "midwife", "speech-therapist", "other"];
}
