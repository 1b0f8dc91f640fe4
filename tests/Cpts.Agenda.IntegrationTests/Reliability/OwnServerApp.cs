namespace Cpts.Agenda.IntegrationTests.Reliability;

/// <summary>The service on a PostgreSQL of its own, so the test can stop and restart it.</summary>
public sealed class OwnServerApp : AgendaApp
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cpts-agenda-tests-outage-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalPostgres Postgres { get; private set; } = null!;

    protected override Task<string> CreateDatabaseAsync()
    {
        Postgres = new LocalPostgres(Path.Combine(_dir, "pg"), LocalPostgres.FreePort());
        Postgres.Start();
        EmbeddedDevelopmentDatabase.CreateDatabaseIfMissing(Postgres, "agenda");
        return Task.FromResult(Postgres.ConnectionString("agenda"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Postgres.Stop("immediate");
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // removed by the next run's leftover sweep
        }
        GC.SuppressFinalize(this);
    }
}
