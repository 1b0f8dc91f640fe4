namespace Cpts.Agenda.Api.Features.Directory;

public static class Professions
{
    public const string Generalist = "generalist";
    public const string Nurse = "nurse";
    public const string Physiotherapist = "physiotherapist";

    public static readonly string[] All = [Generalist, Nurse, Physiotherapist, "pharmacist", "midwife", "speech-therapist", "other"];
}
