namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// The database's refusal of a period that overlaps a busy time from the practitioner's own calendar
/// (refuse_busy_time(): SQLSTATE 23P01 like a commitments overlap, constraint busy_time_clash). Use
/// cases that explain a 23P01 themselves check this first, so a busy time is never reported as
/// another commitment.
/// </summary>
public static class BusyTimeClash
{
    public const string Constraint = "busy_time_clash";
    public const string Message = "That time clashes with a busy time from the practitioner's own calendar.";

    public static bool Is(PostgresException e) =>
        e.SqlState == PostgresErrorCodes.ExclusionViolation && e.ConstraintName == Constraint;
}
