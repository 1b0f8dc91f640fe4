namespace Cpts.Agenda.Bench;

public enum Outcome { Ok, Conflict, ClientError, ServerError, Failed, Exhausted }
