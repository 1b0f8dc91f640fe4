namespace Cpts.Agenda.Api.Infrastructure;

public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Rule,
}
