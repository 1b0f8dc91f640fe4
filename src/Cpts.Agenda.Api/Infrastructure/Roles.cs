namespace Cpts.Agenda.Api.Infrastructure;

public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Practitioner = "practitioner";
    public const string Nurse = "nurse";
    public const string Regulator = "regulator";
    public const string Secretary = "secretary";
    public const string Sas = "sas";

    public static readonly IReadOnlyList<string> All = [Coordinator, Practitioner, Nurse, Regulator, Secretary, Sas];
}
