namespace Cpts.Agenda.Bench;

public sealed record StartupRun(string Database, TimeSpan ToReady, long RssKbAtReady);
