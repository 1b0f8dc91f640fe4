namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>A second service instance on the database of the first.</summary>
public sealed class SecondInstance(string connectionString) : AgendaApp
{
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
}
